# The records of this area come with its own issue.
