using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.ServiceAccounts;

/// <summary>Compact-serialized ES256 JWTs: signing with a cluster's issuer key and parsing before verification.</summary>
public sealed class JsonWebToken
{
    private JsonWebToken(JsonObject header, JsonObject claims, byte[] signingInput, byte[] signature)
    {
        Header = header;
        Claims = claims;
        SigningInput = signingInput;
        Signature = signature;
    }

    public JsonObject Header { get; }

    public JsonObject Claims { get; }

    private byte[] SigningInput { get; }

    private byte[] Signature { get; }

    /// <summary>
    /// Signs <paramref name="claims"/> (written in key order, as Go's JSON encoder writes the merged claim map) with
    /// header <c>{"alg":"ES256","kid":…}</c>.
    /// </summary>
    public static string Sign(ServiceAccountIssuer issuer, JsonObject claims)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"alg\":\"ES256\",\"kid\":\"{issuer.KeyId}\"}}"));
        var sorted = new JsonObject();
        foreach (var (name, value) in claims.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            sorted[name] = value?.DeepClone();
        }

        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(sorted));
        var signingInput = header + "." + payload;
        return signingInput + "." + Base64Url.EncodeToString(issuer.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>Parses a compact JWT without verifying it; false when <paramref name="token"/> is not one.</summary>
    public static bool TryParse(string token, out JsonWebToken? jwt)
    {
        jwt = null;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject;
            var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
            var signature = Base64Url.DecodeFromChars(parts[2]);
            if (header is null || claims is null)
            {
                return false;
            }

            jwt = new JsonWebToken(header, claims, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    /// <summary>True when the token is ES256 and its signature checks out with the issuer's key.</summary>
    public bool VerifySignature(ServiceAccountIssuer issuer) =>
        Header["alg"] is JsonValue alg && alg.GetValueKind() == JsonValueKind.String && alg.GetValue<string>() == "ES256"
        && Signature.Length == 64 && issuer.Verify(SigningInput, Signature);

    public string? StringClaim(string name) => Claims[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A NumericDate claim (seconds since the epoch), or null when absent.</summary>
    public DateTimeOffset? TimeClaim(string name) =>
        Claims[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds((long)v.GetValue<double>()) : null;

    /// <summary><c>aud</c> as a list: a JSON string is a one-element list.</summary>
    public IReadOnlyList<string> Audiences => Claims["aud"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        JsonArray list => list.OfType<JsonValue>().Where(a => a.GetValueKind() == JsonValueKind.String).Select(a => a.GetValue<string>()).ToList(),
        _ => [],
    };
}
