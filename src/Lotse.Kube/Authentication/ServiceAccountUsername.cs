using Lotse.Kube.Validation;

namespace Lotse.Kube.Authentication;

/// <summary>Service-account user names and groups (apiserver <c>authentication/serviceaccount</c>).</summary>
public static class ServiceAccountUsername
{
    public const string Prefix = "system:serviceaccount:";

    public const string AllServiceAccountsGroup = "system:serviceaccounts";

    public const string AuthenticatedGroup = "system:authenticated";

    public const string UnauthenticatedGroup = "system:unauthenticated";

    public static string Make(string @namespace, string name) => $"{Prefix}{@namespace}:{name}";

    /// <summary><c>system:serviceaccounts</c> and <c>system:serviceaccounts:&lt;namespace&gt;</c>.</summary>
    public static List<string> Groups(string @namespace) => [AllServiceAccountsGroup, $"{AllServiceAccountsGroup}:{@namespace}"];

    /// <summary>Splits <c>system:serviceaccount:ns:name</c>; false unless both parts are valid names.</summary>
    public static bool TrySplit(string username, out string @namespace, out string name)
    {
        @namespace = name = "";
        if (!username.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = username[Prefix.Length..].Split(':');
        if (parts.Length != 2 || NameRules.IsDns1123Label(parts[0]).Any() || NameRules.IsDns1123Subdomain(parts[1]).Any())
        {
            return false;
        }

        (@namespace, name) = (parts[0], parts[1]);
        return true;
    }
}
