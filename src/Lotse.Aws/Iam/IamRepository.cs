using System.Text.Json;
using Lotse.Storage;

namespace Lotse.Aws.Iam;

/// <summary>
/// IAM users, roles and access keys in the store (JSON values under <c>/aws/iam/</c>), and the access-key lookup
/// every SigV4 check uses. Names are unique case-insensitively (as in IAM), so keys use the lower-case name.
/// </summary>
/// <remarks>
/// Layout: <c>/aws/iam/accounts/&lt;acct&gt;/users/&lt;name&gt;</c>, <c>…/roles/&lt;name&gt;</c>,
/// <c>…/user-keys/&lt;user&gt;/&lt;AKID&gt;</c> (index of a user's keys) and <c>/aws/iam/access-keys/&lt;AKID&gt;</c>
/// (global: key ids are unique across accounts). Creating a key rewrites the user record with compare-and-swap,
/// so concurrent CreateAccessKey calls cannot exceed the quota and DeleteUser cannot race a new key.
/// </remarks>
public sealed partial class IamRepository : IAccessKeyStore
{
    public const int MaxAccessKeysPerUser = 2;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly IStore _store;
    private readonly TimeProvider _time;

    public IamRepository(IStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public TimeProvider Time => _time;

    public static string UserKey(string accountId, string userName) => $"/aws/iam/accounts/{accountId}/users/{userName.ToLowerInvariant()}";

    public static string RoleKey(string accountId, string roleName) => $"/aws/iam/accounts/{accountId}/roles/{roleName.ToLowerInvariant()}";

    public static string AccessKeyKey(string accessKeyId) => $"/aws/iam/access-keys/{accessKeyId}";

    public static string UserKeysPrefix(string accountId, string userName) => $"/aws/iam/accounts/{accountId}/user-keys/{userName.ToLowerInvariant()}/";

    public static string Arn(string accountId, string kind, string path, string name) => $"arn:aws:iam::{accountId}:{kind}{path}{name}";

    /// <inheritdoc />
    public async ValueTask<AccessKeyRecord?> FindAsync(string accessKeyId, CancellationToken ct)
    {
        // Ids are [A-Za-z0-9]; anything else cannot exist and must not become part of a store key.
        if (accessKeyId.Length is 0 or > 128 || !accessKeyId.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        // ASIA… ids are STS session credentials, AKIA… long-term IAM keys. A session lives only as long as the
        // long-term key it was derived from: deleting or deactivating that key revokes every session it created.
        if (accessKeyId.StartsWith("ASIA", StringComparison.Ordinal))
        {
            var session = await GetSessionAsync(accessKeyId, ct);
            if (session?.SourceAccessKeyId is { } source && (await GetAccessKeyAsync(source, ct))?.Status != AccessKeyStatus.Active)
            {
                return null;
            }

            return session?.ToRecord();
        }

        var key = await GetAccessKeyAsync(accessKeyId, ct);
        return key?.ToRecord();
    }

    public async ValueTask<IamAccessKey?> GetAccessKeyAsync(string accessKeyId, CancellationToken ct)
    {
        var kv = await _store.GetAsync(AccessKeyKey(accessKeyId), 0, ct);
        return kv is null ? null : Deserialize<IamAccessKey>(kv);
    }

    internal static T Deserialize<T>(KeyValue kv) => JsonSerializer.Deserialize<T>(kv.Value.Span, Json)
        ?? throw new InvalidDataException($"Stored value at {kv.Key} is null.");

    internal static ReadOnlyMemory<byte> Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);

    /// <summary>One page of items (sorted by name) after filtering by path prefix; the marker is the next item's store key suffix.</summary>
    private static (IReadOnlyList<T> Items, bool IsTruncated, string? Marker) Page<T>(IReadOnlyList<KeyValue> all, string prefix, Func<T, string> path, string? pathPrefix, string? marker, int maxItems)
    {
        var items = new List<T>();
        foreach (var kv in all)
        {
            var suffix = kv.Key[prefix.Length..];
            if (marker is not null && string.CompareOrdinal(suffix, marker) < 0)
            {
                continue;
            }

            var item = Deserialize<T>(kv);
            if (pathPrefix is not null && !path(item).StartsWith(pathPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (items.Count == maxItems)
            {
                return (items, true, suffix);
            }

            items.Add(item);
        }

        return (items, false, null);
    }
}
