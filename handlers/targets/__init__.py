"""The plan's targets (/chitieu): the overview and its pages, spreadsheet and chart; the
attendance confirmation after a training; the admins' import of village totals."""
