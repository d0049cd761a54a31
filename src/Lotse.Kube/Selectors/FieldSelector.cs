using System.Text;

namespace Lotse.Kube.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c> (apimachinery <c>pkg/fields/selector.go</c>): <c>f=v</c>, <c>f==v</c>, <c>f!=v</c>
/// joined by commas, with <c>\,</c> <c>\=</c> <c>\\</c> escapes in values.
/// </summary>
public sealed class FieldSelector
{
    public static readonly FieldSelector Everything = new([]);

    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms) => Terms = terms;

    public IReadOnlyList<(string Field, bool Equal, string Value)> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>The name an equality term on <c>metadata.name</c> pins (lets a watch of one object skip others cheaply).</summary>
    public string? RequiredValue(string field) => Terms.FirstOrDefault(t => t.Field == field && t.Equal).Value;

    public bool Matches(Func<string, string> fieldValue) =>
        Terms.All(t => (fieldValue(t.Field) == t.Value) == t.Equal);

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var part in SplitTerms(text))
        {
            var (op, index) = FindOperator(part);
            if (index < 0)
            {
                throw new FormatException($"invalid selector: '{text}'; can't understand '{part}'");
            }

            var field = part[..index];
            var value = Unescape(part[(index + op.Length)..]);
            terms.Add((field, op != "!=", value));
        }

        return new FieldSelector(terms);
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                sb.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (text[i] == ',')
            {
                yield return sb.ToString();
                sb.Clear();
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        yield return sb.ToString();
    }

    private static (string Op, int Index) FindOperator(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
                continue;
            }

            if (term[i] == '!' && i + 1 < term.Length && term[i + 1] == '=')
            {
                return ("!=", i);
            }

            if (term[i] == '=')
            {
                return i + 1 < term.Length && term[i + 1] == '=' ? ("==", i) : ("=", i);
            }
        }

        return ("", -1);
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\'))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            sb.Append(value[i]);
        }

        return sb.ToString();
    }
}
