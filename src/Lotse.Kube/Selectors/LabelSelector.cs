using System.Globalization;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Selectors;

/// <summary>
/// A parsed <c>labelSelector</c> (apimachinery <c>pkg/labels/selector.go</c>): <c>=</c>, <c>==</c>, <c>!=</c>,
/// <c>in (…)</c>, <c>notin (…)</c>, <c>key</c>, <c>!key</c>, <c>&gt;</c>, <c>&lt;</c>; comma means AND.
/// </summary>
public sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new([]);

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    public bool Matches(IEnumerable<KeyValuePair<string, string>> labels)
    {
        if (IsEmpty)
        {
            return true;
        }

        var map = labels as IReadOnlyDictionary<string, string> ?? labels.ToDictionary(p => p.Key, p => p.Value);
        return Requirements.All(r => r.Matches(k => map.TryGetValue(k, out var v) ? v : null));
    }

    /// <summary>Parses a selector; throws <see cref="FormatException"/> with apimachinery's message on bad input.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var lexer = new SelectorLexer(text);
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            requirements.Add(ParseRequirement(lexer));
            var token = lexer.Next();
            if (token.Kind == TokenKind.End)
            {
                break;
            }

            if (token.Kind != TokenKind.Comma)
            {
                throw new FormatException($"found '{token.Text}', expected: ',' or 'end of string'");
            }
        }

        return new LabelSelector(requirements);
    }

    private static LabelRequirement ParseRequirement(SelectorLexer lexer)
    {
        var token = lexer.Next();
        if (token.Kind == TokenKind.Not)
        {
            var key = lexer.Next();
            if (key.Kind != TokenKind.Identifier)
            {
                throw new FormatException($"found '{key.Text}', expected: identifier");
            }

            return Validated(key.Text, LabelOperator.DoesNotExist, []);
        }

        if (token.Kind != TokenKind.Identifier)
        {
            throw new FormatException($"found '{token.Text}', expected: !, identifier, or 'end of string'");
        }

        var op = lexer.Peek();
        if (op.Kind is TokenKind.Comma or TokenKind.End)
        {
            return Validated(token.Text, LabelOperator.Exists, []);
        }

        lexer.Next();
        LabelOperator kind = op.Kind switch
        {
            TokenKind.Equals or TokenKind.DoubleEquals => LabelOperator.Equals,
            TokenKind.NotEquals => LabelOperator.NotEquals,
            TokenKind.In => LabelOperator.In,
            TokenKind.NotIn => LabelOperator.NotIn,
            TokenKind.GreaterThan => LabelOperator.GreaterThan,
            TokenKind.LessThan => LabelOperator.LessThan,
            _ => throw new FormatException($"found '{op.Text}', expected: in, notin, =, ==, !=, gt, lt"),
        };

        if (kind is LabelOperator.In or LabelOperator.NotIn)
        {
            var open = lexer.Next();
            if (open.Kind != TokenKind.OpenParen)
            {
                throw new FormatException($"found '{open.Text}', expected: '('");
            }

            var values = new List<string>();
            while (true)
            {
                var value = lexer.Next();
                if (value.Kind == TokenKind.CloseParen && values.Count == 0)
                {
                    break;
                }

                if (value.Kind == TokenKind.Identifier)
                {
                    values.Add(value.Text);
                    value = lexer.Next();
                }
                else if (value.Kind is TokenKind.Comma or TokenKind.CloseParen)
                {
                    values.Add("");
                }
                else
                {
                    throw new FormatException($"found '{value.Text}', expected: ',', ')' or identifier");
                }

                if (value.Kind == TokenKind.CloseParen)
                {
                    break;
                }

                if (value.Kind != TokenKind.Comma)
                {
                    throw new FormatException($"found '{value.Text}', expected: ',' or ')'");
                }
            }

            return Validated(token.Text, kind, values);
        }

        var single = lexer.Peek();
        if (single.Kind == TokenKind.Identifier)
        {
            lexer.Next();
            return Validated(token.Text, kind, [single.Text]);
        }

        // "key=" selects the empty value.
        return Validated(token.Text, kind, [""]);
    }

    private static LabelRequirement Validated(string key, LabelOperator op, IReadOnlyList<string> values)
    {
        foreach (var msg in NameRules.IsQualifiedName(key))
        {
            throw new FormatException($"unable to parse requirement: key: Invalid value: \"{key}\": {msg}");
        }

        if (op is LabelOperator.In or LabelOperator.NotIn && values.Count == 0)
        {
            throw new FormatException("unable to parse requirement: values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty");
        }

        if (op is LabelOperator.GreaterThan or LabelOperator.LessThan && !long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"unable to parse requirement: values[0]: Invalid value: \"{values[0]}\": for 'Gt', 'Lt' operators, the value must be an integer");
        }

        foreach (var value in values)
        {
            foreach (var msg in NameRules.IsLabelValue(value))
            {
                throw new FormatException($"unable to parse requirement: values[0][{key}]: Invalid value: \"{value}\": {msg}");
            }
        }

        return new LabelRequirement(key, op, values);
    }
}
