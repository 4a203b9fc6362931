using System.Globalization;
using ClearanceWorkflow.Application.Features.Clearances;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace ClearanceWorkflow.Infrastructure.Certificates;

/// <summary>
/// Renders a clearance certificate with PDFsharp, in DejaVu Sans embedded in this assembly (no host fonts needed).
/// Text is WinAnsi-encoded, so it can be read back from the content stream; a character outside Windows-1252
/// prints as PDFsharp's substitute.
/// </summary>
public sealed class PdfCertificateRenderer : ICertificateRenderer
{
    private const string Family = "DejaVu Sans";
    private static readonly Lock FontLock = new();

    public PdfCertificateRenderer()
    {
        lock (FontLock)
        {
            GlobalFontSettings.FontResolver ??= new EmbeddedFontResolver();
        }
    }

    public byte[] Render(CertificateContent content)
    {
        using var document = new PdfDocument();
        document.Info.Title = "Security clearance certificate";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var options = new XPdfFontOptions(PdfFontEncoding.WinAnsi);
        var title = new XFont(Family, 20, XFontStyleEx.Regular, options);
        var label = new XFont(Family, 9, XFontStyleEx.Regular, options);
        var value = new XFont(Family, 13, XFontStyleEx.Regular, options);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var y = 80.0;
            gfx.DrawString("Security clearance certificate", title, XBrushes.Black, new XPoint(60, y));
            y += 50;
            foreach (var (name, text) in Lines(content))
            {
                gfx.DrawString(name, label, XBrushes.DimGray, new XPoint(60, y));
                gfx.DrawString(text, value, XBrushes.Black, new XPoint(60, y + 16));
                y += 44;
            }

            gfx.DrawString("Verify this certificate with its code at GET /api/v1/certificates/{code}.", label, XBrushes.DimGray, new XPoint(60, y + 10));
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static IEnumerable<(string Label, string Text)> Lines(CertificateContent c)
    {
        string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return ("Holder", c.HolderName);
        yield return ("Clearance level", c.Level.ToString());
        yield return ("NATO equivalent", c.NatoEquivalent);
        yield return ("EU equivalent", c.EuEquivalent);
        yield return ("Granting agency", c.GrantingAgency);
        yield return ("Granted on", Date(c.GrantedOn));
        yield return ("Issued on", Date(c.IssuedOn));
        yield return ("Valid until", Date(c.ValidUntil));
        yield return ("Verification code", c.Code);
    }

    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private const string Face = "DejaVuSans";
        private static readonly Lazy<byte[]> Font = new(() =>
        {
            using var resource = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream("ClearanceWorkflow.Certificates.DejaVuSans.ttf")
                ?? throw new InvalidOperationException("the certificate font is not embedded");
            using var copy = new MemoryStream();
            resource.CopyTo(copy);
            return copy.ToArray();
        });

        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(Face, isBold, isItalic);

        public byte[]? GetFont(string faceName) => faceName == Face ? Font.Value : null;
    }
}
