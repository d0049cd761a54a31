using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// What the admissionregistration.k8s.io/v1 kinds share (upstream <c>pkg/apis/admissionregistration/v1/defaults.go</c> and
/// <c>validation.go</c>): rule and match-resources defaults, rule checks, webhook names and client configs. Lotse stores
/// these objects only: no webhook is called and no policy expression is evaluated.
/// </summary>
public static class AdmissionRegistrationRules
{
    public static readonly string[] FailurePolicies = ["Fail", "Ignore"];
    public static readonly string[] MatchPolicies = ["Equivalent", "Exact"];

    private static readonly string[] Operations = ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"];
    private static readonly string[] Scopes = ["*", "Cluster", "Namespaced"];

    /// <summary>SetDefaults_Rule on each rule of <paramref name="rules"/>: scope "*".</summary>
    public static void DefaultRules(JsonArray? rules)
    {
        foreach (var rule in rules?.OfType<JsonObject>() ?? [])
        {
            rule["scope"] ??= "*";
        }
    }

    /// <summary>SetDefaults_MatchResources: match policy Equivalent, empty selectors, rule scopes.</summary>
    public static void DefaultMatchResources(JsonObject? match)
    {
        if (match is null)
        {
            return;
        }

        match["matchPolicy"] ??= "Equivalent";
        match["namespaceSelector"] ??= new JsonObject();
        match["objectSelector"] ??= new JsonObject();
        DefaultRules(match.GetArray("resourceRules"));
        DefaultRules(match.GetArray("excludeResourceRules"));
    }

    /// <summary>validateRuleWithOperations for each rule under <paramref name="path"/>.</summary>
    public static void ValidateRules(JsonArray? rules, string path, List<FieldError> errors)
    {
        var list = rules?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var rulePath = $"{path}[{i}]";
            var operations = Strings(list[i], "operations");
            if (operations.Count == 0)
            {
                errors.Add(FieldError.Required($"{rulePath}.operations", ""));
            }

            for (var j = 0; j < operations.Count; j++)
            {
                if (!Operations.Contains(operations[j]))
                {
                    errors.Add(FieldError.NotSupported($"{rulePath}.operations[{j}]", operations[j], Operations));
                }
            }

            if (list[i].GetArray("apiGroups") is not { Count: > 0 })
            {
                errors.Add(FieldError.Required($"{rulePath}.apiGroups", ""));
            }

            var versions = Strings(list[i], "apiVersions");
            if (versions.Count == 0)
            {
                errors.Add(FieldError.Required($"{rulePath}.apiVersions", ""));
            }

            for (var j = 0; j < versions.Count; j++)
            {
                if (versions[j].Length == 0)
                {
                    errors.Add(FieldError.Required($"{rulePath}.apiVersions[{j}]", ""));
                }
            }

            var resources = Strings(list[i], "resources");
            if (resources.Count == 0)
            {
                errors.Add(FieldError.Required($"{rulePath}.resources", ""));
            }

            for (var j = 0; j < resources.Count; j++)
            {
                if (resources[j].Length == 0)
                {
                    errors.Add(FieldError.Required($"{rulePath}.resources[{j}]", ""));
                }
            }

            if (list[i].GetString("scope") is { } scope && !Scopes.Contains(scope))
            {
                errors.Add(FieldError.NotSupported($"{rulePath}.scope", scope, Scopes));
            }
        }
    }

    /// <summary>utilvalidation.IsFullyQualifiedName: a DNS subdomain with at least three segments.</summary>
    public static void ValidateFullyQualifiedName(string name, string path, List<FieldError> errors)
    {
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required(path, ""));
            return;
        }

        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        var subdomainErrors = NameRules.IsDns1123Subdomain(trimmed).ToList();
        if (subdomainErrors.Count > 0)
        {
            errors.Add(FieldError.Invalid(path, trimmed, string.Join(",", subdomainErrors)));
        }
        else if (trimmed.Split('.').Length < 3)
        {
            errors.Add(FieldError.Invalid(path, trimmed, "should be a domain with at least three segments separated by dots"));
        }
    }

    /// <summary>The webhook client config: exactly one of url (https, a host, no user/query/fragment) and service.</summary>
    public static void ValidateClientConfig(JsonObject? config, string path, List<FieldError> errors)
    {
        var url = config.GetString("url");
        var service = config.GetObject("service");
        if ((url is null) == (service is null))
        {
            errors.Add(FieldError.Required(path, "exactly one of url or service is required"));
            return;
        }

        if (url is not null)
        {
            const string form = "; desired format: https://host[/path]";
            var urlPath = $"{path}.url";
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                errors.Add(FieldError.Invalid(urlPath, url.Split(':')[0], "'https' is the only allowed URL scheme" + form));
                return;
            }

            if (uri.Scheme != "https")
            {
                errors.Add(FieldError.Invalid(urlPath, uri.Scheme, "'https' is the only allowed URL scheme" + form));
            }

            if (uri.Host.Length == 0)
            {
                errors.Add(FieldError.Invalid(urlPath, "", "host must be specified" + form));
            }

            if (uri.UserInfo.Length > 0)
            {
                errors.Add(FieldError.Invalid(urlPath, uri.UserInfo, "user information is not permitted in the URL"));
            }

            if (uri.Fragment.Length > 1)
            {
                errors.Add(FieldError.Invalid(urlPath, uri.Fragment[1..], "fragments are not permitted in the URL"));
            }

            if (uri.Query.Length > 1)
            {
                errors.Add(FieldError.Invalid(urlPath, uri.Query[1..], "query parameters are not permitted in the URL"));
            }

            return;
        }

        var servicePath = $"{path}.service";
        if (string.IsNullOrEmpty(service.GetString("name")))
        {
            errors.Add(FieldError.Required($"{servicePath}.name", "service name is required"));
        }

        if (string.IsNullOrEmpty(service.GetString("namespace")))
        {
            errors.Add(FieldError.Required($"{servicePath}.namespace", "service namespace is required"));
        }

        if (service.GetInt("port") is { } port and (< 1 or > 65535))
        {
            errors.Add(FieldError.InvalidRaw($"{servicePath}.port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "port is not valid: must be between 1 and 65535, inclusive"));
        }

        if (service.GetString("path") is { Length: > 1 } servicePathValue && !servicePathValue.StartsWith('/'))
        {
            errors.Add(FieldError.Invalid($"{servicePath}.path", servicePathValue, "must start with a '/'"));
        }
    }

    public static List<string> Strings(JsonObject? obj, string field) =>
        obj.GetArray(field)?.Select(v => v is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : "").ToList() ?? [];
}
