using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>The text a PDF shows: PDFsharp opens the document and reads each page's content stream, one line per text operator.</summary>
public static class PdfText
{
    public static string Extract(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        var lines = new List<string>();
        foreach (var page in document.Pages)
        {
            Collect(ContentReader.ReadContent(page), lines);
        }

        return string.Join('\n', lines);
    }

    private static void Collect(CSequence sequence, List<string> lines)
    {
        foreach (var item in sequence)
        {
            switch (item)
            {
                case COperator { Name: "Tj" or "TJ" or "'" or "\"" } op:
                    lines.Add(string.Concat(Strings(op.Operands)));
                    break;
                case CSequence inner:
                    Collect(inner, lines);
                    break;
            }
        }
    }

    private static IEnumerable<string> Strings(CSequence operands)
    {
        foreach (var operand in operands)
        {
            if (operand is CString s)
            {
                yield return s.Value;
            }
            else if (operand is CSequence nested)
            {
                foreach (var inner in Strings(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
