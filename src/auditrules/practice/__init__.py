"""The audit of practice days around the checks: choosing the cases from a council's case list
(`cases`, `sample`), pairing the auditors (`assign`), preparing the forms (`prepare`), the
end-of-day pack (`day_report`), letters of recognition and chasers (`letters`), and the impact
of audits across rounds (`impact`); `selection` writes what they make."""
