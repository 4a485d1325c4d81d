using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Parses ARM template expressions: function calls, 'strings' ('' is a quote), integers,
/// property access and indexers. A JSON string is an expression when it starts with "[" and ends
/// with "]"; "[[" starts a literal string that keeps one "[".
/// </summary>
internal sealed class ArmExpressionParser
{
    private readonly string _text;
    private int _position;

    private ArmExpressionParser(string text)
    {
        _text = text;
    }

    /// <summary>The expression in a template string, or null when the string is a literal.</summary>
    public static ArmExpression? TryParseTemplateString(string value, out string literal)
    {
        literal = value;
        if (value.StartsWith("[[", StringComparison.Ordinal))
        {
            literal = value[1..];
            return null;
        }

        if (value.Length < 2 || value[0] != '[' || value[^1] != ']')
        {
            return null;
        }

        var parser = new ArmExpressionParser(value[1..^1]);
        ArmExpression expression = parser.Expression();
        parser.SkipSpace();
        if (parser._position != parser._text.Length)
        {
            throw parser.Error("unexpected text");
        }

        return expression;
    }

    private ArmExpression Expression()
    {
        ArmExpression expression = Primary();
        while (true)
        {
            SkipSpace();
            if (Accept('.'))
            {
                expression = new ArmProperty(expression, Identifier());
            }
            else if (Accept('['))
            {
                ArmExpression index = Expression();
                Expect(']');
                expression = new ArmIndex(expression, index);
            }
            else
            {
                return expression;
            }
        }
    }

    private ArmExpression Primary()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw Error("an expression was expected");
        }

        char c = _text[_position];
        if (c == '\'')
        {
            return new ArmLiteral(JsonValue.Create(StringLiteral()));
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            int start = _position++;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }

            return new ArmLiteral(JsonValue.Create(long.Parse(_text[start.._position], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)));
        }

        string name = Identifier();
        SkipSpace();
        if (!Accept('('))
        {
            return name.ToUpperInvariant() switch
            {
                "TRUE" => new ArmLiteral(JsonValue.Create(true)),
                "FALSE" => new ArmLiteral(JsonValue.Create(false)),
                "NULL" => new ArmLiteral(null),
                _ => throw Error($"'{name}' is neither a function call nor a literal"),
            };
        }

        var arguments = new List<ArmExpression>();
        SkipSpace();
        if (!Accept(')'))
        {
            do
            {
                arguments.Add(Expression());
                SkipSpace();
            }
            while (Accept(','));
            Expect(')');
        }

        return new ArmCall(name, arguments);
    }

    private string StringLiteral()
    {
        var value = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("a string is not closed");
            }

            char c = _text[_position++];
            if (c != '\'')
            {
                value.Append(c);
            }
            else if (_position < _text.Length && _text[_position] == '\'')
            {
                value.Append('\'');
                _position++;
            }
            else
            {
                return value.ToString();
            }
        }
    }

    private string Identifier()
    {
        SkipSpace();
        int start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '$'))
        {
            _position++;
        }

        return _position > start ? _text[start.._position] : throw Error("a name was expected");
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool Accept(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (!Accept(c))
        {
            throw Error($"'{c}' was expected");
        }
    }

    private ArmTemplateException Error(string problem) =>
        new($"Cannot parse the template expression [{_text}]: {problem} at character {_position + 1}.");
}
