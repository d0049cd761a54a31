namespace Lotse.Kube.Selectors;

internal enum TokenKind
{
    End,
    Identifier,
    Comma,
    Not,
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    GreaterThan,
    LessThan,
    OpenParen,
    CloseParen,
}

internal readonly record struct SelectorToken(TokenKind Kind, string Text);

/// <summary>The tokenizer of apimachinery's label selector parser: identifiers end at whitespace or one of <c>=!(),&lt;&gt;</c>.</summary>
internal sealed class SelectorLexer(string input)
{
    private int _position;
    private SelectorToken? _peeked;

    public SelectorToken Peek() => _peeked ??= Read();

    public SelectorToken Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    private SelectorToken Read()
    {
        while (_position < input.Length && char.IsWhiteSpace(input[_position]))
        {
            _position++;
        }

        if (_position >= input.Length)
        {
            return new(TokenKind.End, "");
        }

        var c = input[_position];
        switch (c)
        {
            case ',':
                _position++;
                return new(TokenKind.Comma, ",");
            case '(':
                _position++;
                return new(TokenKind.OpenParen, "(");
            case ')':
                _position++;
                return new(TokenKind.CloseParen, ")");
            case '>':
                _position++;
                return new(TokenKind.GreaterThan, ">");
            case '<':
                _position++;
                return new(TokenKind.LessThan, "<");
            case '=':
                _position++;
                if (_position < input.Length && input[_position] == '=')
                {
                    _position++;
                    return new(TokenKind.DoubleEquals, "==");
                }

                return new(TokenKind.Equals, "=");
            case '!':
                _position++;
                if (_position < input.Length && input[_position] == '=')
                {
                    _position++;
                    return new(TokenKind.NotEquals, "!=");
                }

                return new(TokenKind.Not, "!");
        }

        var start = _position;
        while (_position < input.Length && !char.IsWhiteSpace(input[_position]) && "=!(),<>".IndexOf(input[_position], StringComparison.Ordinal) < 0)
        {
            _position++;
        }

        var text = input[start.._position];
        return text switch
        {
            "in" => new(TokenKind.In, text),
            "notin" => new(TokenKind.NotIn, text),
            _ => new(TokenKind.Identifier, text),
        };
    }
}
