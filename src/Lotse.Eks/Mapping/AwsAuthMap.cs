using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;

namespace Lotse.Eks.Mapping;

/// <summary>
/// The <c>kube-system/aws-auth</c> ConfigMap as aws-iam-authenticator reads it: <c>mapRoles</c>, <c>mapUsers</c> and <c>mapAccounts</c>
/// are YAML strings in <c>data</c>. An entry that does not parse or lacks what it needs is skipped and reported in
/// <see cref="Problems"/>; the rest of the map still applies.
/// </summary>
public sealed class AwsAuthMap
{
    public static readonly AwsAuthMap Empty = new([], [], [], []);

    private AwsAuthMap(List<AwsAuthMapping> roles, List<AwsAuthMapping> users, HashSet<string> accounts, List<string> problems)
    {
        Roles = roles;
        Users = users;
        Accounts = accounts;
        Problems = problems;
    }

    public IReadOnlyList<AwsAuthMapping> Roles { get; }

    public IReadOnlyList<AwsAuthMapping> Users { get; }

    public IReadOnlySet<string> Accounts { get; }

    /// <summary>What was skipped and why, for the authenticator log.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Parses the ConfigMap object as stored (JSON).</summary>
    public static AwsAuthMap Parse(ReadOnlySpan<byte> configMapJson)
    {
        JsonObject? data;
        try
        {
            data = JsonNode.Parse(configMapJson)?["data"] as JsonObject;
        }
        catch (JsonException ex)
        {
            return new AwsAuthMap([], [], [], [$"aws-auth is not valid JSON: {ex.Message}"]);
        }

        return FromData(
            data?["mapRoles"]?.GetValue<string>(), data?["mapUsers"]?.GetValue<string>(), data?["mapAccounts"]?.GetValue<string>());
    }

    public static AwsAuthMap FromData(string? mapRoles, string? mapUsers, string? mapAccounts)
    {
        var problems = new List<string>();
        var roles = new List<AwsAuthMapping>();
        foreach (var item in Items(mapRoles, "mapRoles", problems))
        {
            if (AwsAuthMapping.ParseRole(item, out var problem) is { } role)
            {
                roles.Add(role);
            }
            else
            {
                problems.Add($"mapRoles: skipped {item.ToJsonString()}: {problem}");
            }
        }

        var users = new List<AwsAuthMapping>();
        foreach (var item in Items(mapUsers, "mapUsers", problems))
        {
            if (AwsAuthMapping.ParseUser(item, out var problem) is { } user)
            {
                users.Add(user);
            }
            else
            {
                problems.Add($"mapUsers: skipped {item.ToJsonString()}: {problem}");
            }
        }

        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Items(mapAccounts, "mapAccounts", problems))
        {
            var account = item is JsonValue value ? value.ToString() : "";
            if (account.Length == 12 && account.All(char.IsAsciiDigit))
            {
                accounts.Add(account);
            }
            else
            {
                problems.Add($"mapAccounts: skipped {item.ToJsonString()}: not a 12-digit account id");
            }
        }

        return new AwsAuthMap(roles, users, accounts, problems);
    }

    private static IEnumerable<JsonNode> Items(string? yaml, string key, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return [];
        }

        JsonNode? parsed;
        try
        {
            parsed = YamlToJson.Convert(yaml);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidOperationException or FormatException)
        {
            problems.Add($"{key}: not valid YAML, ignored: {ex.Message}");
            return [];
        }

        if (parsed is not JsonArray array)
        {
            problems.Add($"{key}: not a YAML list, ignored");
            return [];
        }

        return array.OfType<JsonNode>();
    }
}
