"""The audit of practice days around the checks: choosing the cases to audit from a council's
case list, and (to come) pairing auditors, preparing forms, summing up the day and following up.
"""
