using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Lotse.Aws.Query;

/// <summary>
/// The parameters of a query-protocol request: the URL query plus, for <c>application/x-www-form-urlencoded</c>
/// bodies (what botocore sends), the form. Lists arrive flattened as <c>Tags.member.1.Key</c>.
/// </summary>
public sealed class QueryRequest
{
    private readonly Dictionary<string, string> _parameters;

    private QueryRequest(Dictionary<string, string> parameters) => _parameters = parameters;

    public string? Action => Get("Action");

    public static QueryRequest Parse(AwsRequestContext request)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(parameters, QueryHelpers.ParseQuery(request.Http.Request.QueryString.Value));
        var contentType = request.Http.Request.ContentType ?? string.Empty;
        if (!request.Body.IsEmpty && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            Add(parameters, QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body.Span)));
        }

        return new QueryRequest(parameters);
    }

    public static QueryRequest FromParameters(IEnumerable<KeyValuePair<string, string>> parameters) =>
        new(new Dictionary<string, string>(parameters, StringComparer.Ordinal));

    public string? Get(string name) => _parameters.GetValueOrDefault(name);

    /// <summary>The members of a flattened list <c>&lt;name&gt;.member.N[.field]</c>, in index order, as per-member field maps.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> GetStructureList(string name)
    {
        var result = new List<IReadOnlyDictionary<string, string>>();
        for (var i = 1; ; i++)
        {
            var prefix = $"{name}.member.{i}.";
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in _parameters)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    fields[key[prefix.Length..]] = value;
                }
            }

            if (fields.Count == 0)
            {
                return result;
            }

            result.Add(fields);
        }
    }

    /// <summary>The members of a flattened list of strings <c>&lt;name&gt;.member.N</c>, in index order.</summary>
    public IReadOnlyList<string> GetList(string name)
    {
        var result = new List<string>();
        while (_parameters.TryGetValue($"{name}.member.{result.Count + 1}", out var value))
        {
            result.Add(value);
        }

        return result;
    }

    private static void Add(Dictionary<string, string> target, Dictionary<string, StringValues> source)
    {
        foreach (var (key, values) in source)
        {
            target[key] = values.Count > 0 ? values[^1] ?? string.Empty : string.Empty;
        }
    }
}
