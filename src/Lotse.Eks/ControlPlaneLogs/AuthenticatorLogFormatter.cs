using System.Globalization;
using System.Text;

namespace Lotse.Eks.ControlPlaneLogs;

/// <summary>
/// Writes an <see cref="EksAuthenticatorEvent"/> the way aws-iam-authenticator's server logs its decision (logrus text
/// format, fields in key order): <c>msg="access granted"</c> with arn, client, groups, method, path and username, or
/// <c>level=warning msg="access denied"</c> with the error. The token is never part of the event; the access key id
/// (which the authenticator's "STS response" line would show) is left out too.
/// </summary>
public static class AuthenticatorLogFormatter
{
    // The authenticator serves the API server's webhook on loopback: every decision answers POST /authenticate.
    private const string Client = "127.0.0.1";

    public static string Format(object payload) => Format((EksAuthenticatorEvent)payload);

    public static string Format(EksAuthenticatorEvent e)
    {
        var line = new StringBuilder(256);
        Field(line, "time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var granted = e.Reason.Length == 0;
        Field(line, "level", granted ? "info" : "warning");
        Field(line, "msg", granted ? "access granted" : "access denied");
        if (e.CanonicalArn.Length > 0)
        {
            Field(line, "arn", e.CanonicalArn);
        }

        Field(line, "client", Client);
        if (!granted)
        {
            Field(line, "error", e.Reason);
        }
        else
        {
            Field(line, "groups", "[" + string.Join(' ', e.Groups) + "]");
        }

        Field(line, "method", "POST");
        Field(line, "path", "/authenticate");
        if (granted)
        {
            Field(line, "username", e.Username);
        }

        return line.ToString();
    }

    private static void Field(StringBuilder line, string key, string value)
    {
        if (line.Length > 0)
        {
            line.Append(' ');
        }

        line.Append(key).Append('=');
        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '/' or '@' or '^' or '+'))
        {
            line.Append(value);
            return;
        }

        // logrus quotes anything else the way Go's %q does.
        line.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    line.Append("\\\"");
                    break;
                case '\\':
                    line.Append("\\\\");
                    break;
                case '\n':
                    line.Append("\\n");
                    break;
                default:
                    line.Append(c);
                    break;
            }
        }

        line.Append('"');
    }
}
