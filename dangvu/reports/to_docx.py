"""The year-end report as DOCX, in the layout of the party's documents (dangvu/documents/docx.py:
header, kind and subject, body, recipients and signature of HD 36-HD/VPTW). Charts are printed as
tables of their bars (label, number, share): Word documents sent upwards carry the figures, not
pictures; the PDF draws the bars."""

from docx.shared import Mm

from dangvu.documents import docx as layout

from .builder import Report


def render(report: Report) -> bytes:
    document = layout.new_document()
    document.core_properties.title = report.title
    document.core_properties.subject = report.organization_name
    layout.write_header(document, report.header)
    layout.body_paragraph(document, report.intro)
    table_number = {id(t): n for n, _s, t in report.tables()}
    for number, section in report.numbered():
        layout.heading(document, f"{number}. {section.heading.upper()}")
        for text in section.paragraphs:
            layout.body_paragraph(document, text)
        for table in section.tables:
            layout.heading(document, f"Bảng {table_number[id(table)]}. {table.title}", level=2)
            header = list(table.columns) if any(r.percent for r in table.rows) else list(table.columns[:2])
            rows = [header] + [[("    " * r.level) + r.label, r.value, r.percent][:len(header)] for r in table.rows]
            widths = (Mm(105), Mm(27), Mm(28)) if len(header) == 3 else (Mm(120), Mm(40))
            layout.data_table(document, rows, widths=widths, align_right_from=1)
    layout.body_paragraph(document, report.closing)
    layout.write_footer(document, report.header)
    return layout.save(document)
