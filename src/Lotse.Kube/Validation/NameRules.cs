using System.Text.RegularExpressions;

namespace Lotse.Kube.Validation;

/// <summary>
/// The name formats of apimachinery's <c>pkg/util/validation</c>, with their messages verbatim
/// (clients and test suites match on them). Returns null when valid, else the reason.
/// </summary>
public static partial class NameRules
{
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string ConfigKeyFmt = "[-._a-zA-Z0-9]+";

    public const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + Dns1123LabelFmt + "')";

    public const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + Dns1123SubdomainFmt + "')";

    public const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '" + Dns1035LabelFmt + "')";

    public const string QualifiedNameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFmt + "')";

    public const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LabelValueFmt + "')";

    public const string ConfigKeyMessage =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '" + ConfigKeyFmt + "')";

    private const string WildcardDns1123SubdomainFmt = "\\*\\." + Dns1123SubdomainFmt;

    public const string WildcardDns1123SubdomainMessage =
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '" + WildcardDns1123SubdomainFmt + "')";

    [GeneratedRegex("^" + WildcardDns1123SubdomainFmt + "$")]
    private static partial Regex WildcardDns1123Subdomain();

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex PortNameChars();

    [GeneratedRegex("^" + Dns1123LabelFmt + "$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^" + Dns1123SubdomainFmt + "$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^" + Dns1035LabelFmt + "$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("^" + QualifiedNameFmt + "$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^" + LabelValueFmt + "$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^" + ConfigKeyFmt + "$")]
    private static partial Regex ConfigKey();

    public static IEnumerable<string> IsDns1123Label(string value)
    {
        if (value.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }

        if (!Dns1123Label().IsMatch(value))
        {
            yield return Dns1123LabelMessage;
        }
    }

    public static IEnumerable<string> IsDns1123Subdomain(string value)
    {
        if (value.Length > 253)
        {
            yield return "must be no more than 253 characters";
        }

        if (!Dns1123Subdomain().IsMatch(value))
        {
            yield return Dns1123SubdomainMessage;
        }
    }

    public static IEnumerable<string> IsDns1035Label(string value)
    {
        if (value.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }

        if (!Dns1035Label().IsMatch(value))
        {
            yield return Dns1035LabelMessage;
        }
    }

    /// <summary>A label or annotation key: optional DNS-subdomain prefix, '/', and a 63-character name part.</summary>
    public static IEnumerable<string> IsQualifiedName(string value)
    {
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                if (parts[0].Length == 0)
                {
                    yield return "prefix part must be non-empty";
                }
                else
                {
                    foreach (var msg in IsDns1123Subdomain(parts[0]))
                    {
                        yield return "prefix part " + msg;
                    }
                }

                name = parts[1];
                break;
            default:
                yield return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFmt + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
                yield break;
        }

        if (name.Length == 0)
        {
            yield return "name part must be non-empty";
        }
        else if (name.Length > 63)
        {
            yield return "name part must be no more than 63 characters";
        }

        if (name.Length > 0 && !QualifiedName().IsMatch(name))
        {
            yield return QualifiedNameMessage;
        }
    }

    public static IEnumerable<string> IsLabelValue(string value)
    {
        if (value.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }

        if (!LabelValue().IsMatch(value))
        {
            yield return LabelValueMessage;
        }
    }

    public static IEnumerable<string> IsConfigMapKey(string value)
    {
        if (value.Length > 253)
        {
            yield return "must be no more than 253 characters";
        }

        if (!ConfigKey().IsMatch(value))
        {
            yield return ConfigKeyMessage;
        }

        if (value == ".")
        {
            yield return "must not be '.'";
        }
        else if (value == "..")
        {
            yield return "must not be '..'";
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            yield return "must not start with '..'";
        }
    }

    /// <summary>Path segment names may not be "." or ".." or contain '/' or '%' (apimachinery <c>path.IsValidPathSegmentName</c>).</summary>
    public static IEnumerable<string> IsValidPathSegmentName(string name)
    {
        if (name is "." or "..")
        {
            yield return $"may not be '{name}'";
        }

        if (name.Contains('/'))
        {
            yield return "may not contain '/'";
        }

        if (name.Contains('%'))
        {
            yield return "may not contain '%'";
        }
    }

    /// <summary>A host such as <c>*.example.com</c> (apimachinery <c>IsWildcardDNS1123Subdomain</c>).</summary>
    public static IEnumerable<string> IsWildcardDns1123Subdomain(string value)
    {
        if (value.Length > 253)
        {
            yield return "must be no more than 253 characters";
        }

        if (!WildcardDns1123Subdomain().IsMatch(value))
        {
            yield return WildcardDns1123SubdomainMessage;
        }
    }

    /// <summary>apimachinery <c>IsValidPortName</c> (IANA service names).</summary>
    public static IEnumerable<string> IsValidPortName(string name)
    {
        if (name.Length > 15)
        {
            yield return "must be no more than 15 characters";
        }

        if (!PortNameChars().IsMatch(name))
        {
            yield return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
        }

        if (!name.Any(char.IsAsciiLetterLower))
        {
            yield return "must contain at least one letter (a-z)";
        }

        if (name.Contains("--", StringComparison.Ordinal))
        {
            yield return "must not contain consecutive hyphens";
        }

        if (name.Length > 0 && (name[0] == '-' || name[^1] == '-'))
        {
            yield return "must not begin or end with a hyphen";
        }
    }
}
