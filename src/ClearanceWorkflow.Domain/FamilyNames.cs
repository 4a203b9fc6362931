using System.Globalization;
using System.Text;

namespace ClearanceWorkflow.Domain;

/// <summary>
/// Family names compare without case, diacritics, or surrounding and repeated white space:
/// "Müller-Šťastný" is "MULLER-STASTNY". Canonical decomposition (Unicode form D), combining marks
/// dropped, upper-cased; letters whose mark is part of the glyph (ø, ł, ß, ...) fold by hand.
/// </summary>
public static class FamilyNames
{
    public static string Normalize(string value)
    {
        string decomposed;
        try
        {
            decomposed = value.Trim().Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // An unpaired surrogate or a noncharacter, stored before names were checked for them: compared as written.
            decomposed = value.Trim();
        }

        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            _ = ch switch
            {
                'ß' or 'ẞ' => builder.Append("SS"),
                'ø' or 'Ø' => builder.Append('O'),
                'ł' or 'Ł' => builder.Append('L'),
                'đ' or 'Đ' => builder.Append('D'),
                'ı' => builder.Append('I'),
                'æ' or 'Æ' => builder.Append("AE"),
                'œ' or 'Œ' => builder.Append("OE"),
                'þ' or 'Þ' => builder.Append("TH"),
                _ => builder.Append(char.ToUpperInvariant(ch)),
            };
        }

        return builder.ToString();
    }
}
