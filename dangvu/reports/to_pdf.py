"""The year-end report as PDF: an HTML page (templates/reports/report_pdf.html, the layout of the
party's documents: A4, 25/25/35/15 mm margins, header, kind and subject, signature) rendered by
WeasyPrint with the DejaVu Serif fonts (they cover Vietnamese; WeasyPrint embeds the subsets used).
Each chart of a section is drawn as horizontal bars (CSS widths)."""

from django.template.loader import render_to_string

from dangvu.documents.docx import number_line, place_date_line

from .builder import Report


def html(report: Report) -> str:
    h = report.header
    table_number = {id(t): n for n, _s, t in report.tables()}
    sections = []
    for number, section in report.numbered():
        tables = [{"number": table_number[id(t)], "table": t, "percent": any(r.percent for r in t.rows)}
                  for t in section.tables]
        charts = [{"title": c.title, "bars": [{"label": b.label, "text": b.text,
                                                "width": f"{100 * b.value / c.largest:.1f}" if c.largest else "0"}
                                               for b in c.bars]} for c in section.charts]
        sections.append({"number": number, "section": section, "tables": tables, "charts": charts})
    return render_to_string("reports/report_pdf.html", {
        "report": report, "h": h, "number_line": number_line(h.number), "place_date": place_date_line(h.place, h.date),
        "signer_lines": [line.upper() for line in (h.signer_for, h.signer_title) if line], "sections": sections,
    })


def render(report: Report) -> bytes:
    from weasyprint import HTML  # loads Pango: only where a PDF is made

    return HTML(string=html(report)).write_pdf()
