using System.Globalization;
using System.Text.Json;

namespace Lotse.Aws.Logs;

/// <summary>
/// The CloudWatch Logs filter-pattern subset Lotse understands. Term patterns: space-separated terms that must all
/// occur (case-sensitive; <c>"quoted phrases"</c> keep their spaces), <c>?term</c> terms of which at least one must
/// occur, <c>-term</c> terms that must not. JSON patterns: <c>{ $.user.username = "alice" }</c> with <c>=</c>/<c>!=</c>
/// on strings (<c>*</c> wildcards), <c>= != &lt; &gt; &lt;= &gt;=</c> on numbers, <c>&amp;&amp;</c>, <c>||</c> and
/// parentheses. Anything else is refused with InvalidParameterException rather than silently matching nothing.
/// </summary>
public sealed class LogFilterPattern
{
    private readonly Func<string, bool> _matches;

    private LogFilterPattern(Func<string, bool> matches) => _matches = matches;

    public static readonly LogFilterPattern All = new(static _ => true);

    public bool Matches(string message) => _matches(message);

    public static LogFilterPattern Parse(string? pattern)
    {
        var text = pattern?.Trim() ?? "";
        if (text.Length == 0)
        {
            return All;
        }

        return text[0] == '{' ? JsonPattern(text) : TermPattern(text);
    }

    private static AwsServiceException Invalid() => new(400, "InvalidParameterException", "Invalid filter pattern");

    private static LogFilterPattern TermPattern(string text)
    {
        var required = new List<string>();
        var optional = new List<string>();
        var excluded = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var target = required;
            if (text[i] is '?' or '-')
            {
                target = text[i] == '?' ? optional : excluded;
                i++;
            }

            string term;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw Invalid();
                }

                term = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]))
                {
                    end++;
                }

                term = text[i..end];
                i = end;
            }

            if (term.Length == 0)
            {
                throw Invalid();
            }

            target.Add(term);
        }

        return new LogFilterPattern(message =>
            required.TrueForAll(t => message.Contains(t, StringComparison.Ordinal))
            && (optional.Count == 0 || optional.Exists(t => message.Contains(t, StringComparison.Ordinal)))
            && !excluded.Exists(t => message.Contains(t, StringComparison.Ordinal)));
    }

    private static LogFilterPattern JsonPattern(string text)
    {
        if (text[^1] != '}')
        {
            throw Invalid();
        }

        var parser = new JsonPatternParser(text[1..^1]);
        var condition = parser.ParseOr();
        parser.ExpectEnd();
        return new LogFilterPattern(message =>
        {
            try
            {
                using var json = JsonDocument.Parse(message);
                return condition(json.RootElement);
            }
            catch (JsonException)
            {
                return false;
            }
        });
    }

    /// <summary>Recursive descent over <c>or := and ('||' and)*; and := atom ('&amp;&amp;' atom)*; atom := '(' or ')' | $.sel op value</c>.</summary>
    private sealed class JsonPatternParser(string text)
    {
        private int _at;

        public Func<JsonElement, bool> ParseOr()
        {
            var left = ParseAnd();
            while (TryTake("||"))
            {
                var (l, r) = (left, ParseAnd());
                left = e => l(e) || r(e);
            }

            return left;
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_at != text.Length)
            {
                throw Invalid();
            }
        }

        private Func<JsonElement, bool> ParseAnd()
        {
            var left = ParseAtom();
            while (TryTake("&&"))
            {
                var (l, r) = (left, ParseAtom());
                left = e => l(e) && r(e);
            }

            return left;
        }

        private Func<JsonElement, bool> ParseAtom()
        {
            if (TryTake("("))
            {
                var inner = ParseOr();
                if (!TryTake(")"))
                {
                    throw Invalid();
                }

                return inner;
            }

            var path = ParseSelector();
            var op = TryTake("!=") ? "!=" : TryTake(">=") ? ">=" : TryTake("<=") ? "<=" : TryTake("=") ? "=" : TryTake(">") ? ">" : TryTake("<") ? "<" : throw Invalid();
            SkipSpaces();
            if (_at < text.Length && text[_at] == '"')
            {
                var end = text.IndexOf('"', _at + 1);
                if (end < 0 || op is not ("=" or "!="))
                {
                    throw Invalid();
                }

                var literal = text[(_at + 1)..end];
                _at = end + 1;
                return StringCondition(path, op, literal);
            }

            var start = _at;
            while (_at < text.Length && !char.IsWhiteSpace(text[_at]) && text[_at] is not (')' or '&' or '|'))
            {
                _at++;
            }

            var bare = text[start.._at];
            if (double.TryParse(bare, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return NumberCondition(path, op, number);
            }

            return bare.Length > 0 && op is "=" or "!=" ? StringCondition(path, op, bare) : throw Invalid();
        }

        private List<string> ParseSelector()
        {
            if (!TryTake("$"))
            {
                throw Invalid();
            }

            var path = new List<string>();
            while (_at < text.Length && (text[_at] == '.' || text[_at] == '['))
            {
                var bracket = text[_at] == '[';
                _at++;
                var start = _at;
                while (_at < text.Length && (bracket ? text[_at] != ']' : char.IsAsciiLetterOrDigit(text[_at]) || text[_at] is '_' or '-' or '/' or ':' or '@'))
                {
                    _at++;
                }

                // $.a["key.with.dots"] and $.a['key'] name a member whose name is not a plain identifier.
                var part = text[start.._at];
                path.Add(bracket && part.Length >= 2 && part[0] is '"' or '\'' && part[^1] == part[0] ? part[1..^1] : part);
                if (bracket && (_at >= text.Length || text[_at++] != ']'))
                {
                    throw Invalid();
                }
            }

            return path.Count == 0 ? throw Invalid() : path;
        }

        private bool TryTake(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _at, token, 0, token.Length) != 0)
            {
                return false;
            }

            _at += token.Length;
            return true;
        }

        private void SkipSpaces()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }
    }

    private static JsonElement? Select(JsonElement root, List<string> path)
    {
        var current = root;
        foreach (var part in path)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static Func<JsonElement, bool> StringCondition(List<string> path, string op, string literal)
    {
        var wildcard = literal.Contains('*');
        return root =>
        {
            var value = Select(root, path);
            if (value is null)
            {
                return false;
            }

            var text = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString()! : value.Value.GetRawText();
            var equal = wildcard ? WildcardMatch(text, literal) : text == literal;
            return op == "=" ? equal : !equal;
        };
    }

    private static Func<JsonElement, bool> NumberCondition(List<string> path, string op, double literal) => root =>
    {
        if (Select(root, path) is not { ValueKind: JsonValueKind.Number } value)
        {
            return false;
        }

        var number = value.GetDouble();
        return op switch
        {
            "=" => number == literal,
            "!=" => number != literal,
            ">" => number > literal,
            "<" => number < literal,
            ">=" => number >= literal,
            _ => number <= literal,
        };
    };

    private static bool WildcardMatch(string text, string pattern)
    {
        var parts = pattern.Split('*');
        if (!text.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return text.Length - at >= parts[^1].Length && text.EndsWith(parts[^1], StringComparison.Ordinal);
    }
}
