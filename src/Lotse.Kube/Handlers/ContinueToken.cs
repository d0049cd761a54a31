using System.Text;
using System.Text.Json;
using Lotse.Kube.Errors;

namespace Lotse.Kube.Handlers;

/// <summary>
/// The opaque list <c>continue</c> value, in upstream's shape (apiserver <c>storage/continue.go</c>):
/// base64url of <c>{"v":"meta.k8s.io/v1","rv":&lt;list revision&gt;,"start":"&lt;next key below the collection&gt;"}</c>.
/// rv ≤ 0 marks an inconsistent token (handed out with a 410) that continues at the latest revision.
/// </summary>
public readonly record struct ContinueToken(long Revision, string Start)
{
    public string Encode()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["v"] = "meta.k8s.io/v1", ["rv"] = Revision, ["start"] = Start });
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static ContinueToken Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            var root = doc.RootElement;
            if (root.GetProperty("v").GetString() != "meta.k8s.io/v1")
            {
                throw KubeStatus.BadRequest("continue key is not valid: server does not recognize this encoded key").ToException();
            }

            var start = root.GetProperty("start").GetString() ?? "";
            if (start.Contains("..", StringComparison.Ordinal) || start.StartsWith('/'))
            {
                throw KubeStatus.BadRequest("continue key is not valid: key must be relative to the list prefix").ToException();
            }

            return new ContinueToken(root.GetProperty("rv").GetInt64(), start);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw KubeStatus.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)").ToException();
        }
    }
}
