# The audit log's admin page is registered in hr/admin.py, where cases.access scopes it: an administrator
# without HR access sees no event that concerns an employee.
