using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// networking.k8s.io/v1 IngressClass (upstream <c>pkg/registry/networking/ingressclass/strategy.go</c>,
/// <c>ValidateIngressClass</c>, networking/v1 SetDefaults_IngressClass): the controller is a domain-prefixed path that
/// cannot change; a parameters reference names a kind and object and is cluster-scoped unless it says otherwise;
/// <c>metadata.generation</c> starts at 1 and moves with the spec.
/// </summary>
public sealed partial class IngressClassStrategy : KubeStrategy
{
    private const int MaxControllerLength = 250;
    private const string HttpPathFmt = @"[A-Za-z0-9/\-._~%!$&'()*+,;=:]+";
    private static readonly string[] Scopes = ["Cluster", "Namespace"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Controller", "string", "", "Controller that is responsible for handling this class"),
        new("Parameters", "string", "", "A reference to a resource with additional parameters"),
        TableColumn.AgeColumn,
    ];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["spec"];

    [GeneratedRegex("^" + HttpPathFmt + "$")]
    private static partial Regex HttpPath();

    public override void PrepareForCreate(JsonObject obj)
    {
        obj.Metadata()["generation"] = 1;
        ApplyDefaults(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        var generation = old.GetObject("metadata").GetInt("generation") ?? 0;
        obj.Metadata()["generation"] = JsonNode.DeepEquals(obj["spec"], old["spec"]) ? generation : generation + 1;
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        var controller = spec.GetString("controller") ?? "";
        if (controller.Length > MaxControllerLength)
        {
            errors.Add(FieldError.TooLong("spec.controller", MaxControllerLength));
        }

        ValidateDomainPrefixedPath("spec.controller", controller, errors);
        if (spec.GetObject("parameters") is { } parameters)
        {
            ValidateParameters(parameters, errors);
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var controller = obj.GetObject("spec").GetString("controller") ?? "";
        if (controller != (old.GetObject("spec").GetString("controller") ?? ""))
        {
            errors.Add(FieldError.Invalid("spec.controller", controller, "field is immutable"));
        }

        Validate(obj, errors);
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var parameters = "<none>";
        if (spec.GetObject("parameters") is { } reference)
        {
            parameters = reference.GetString("kind") ?? "";
            if (reference.GetString("apiGroup") is { } apiGroup)
            {
                parameters += "." + apiGroup;
            }

            parameters += "/" + (reference.GetString("name") ?? "");
        }

        cells.Add(obj.Name());
        cells.Add(spec.GetString("controller") ?? "");
        cells.Add(parameters);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj.GetObject("spec").GetObject("parameters") is { } parameters)
        {
            parameters["scope"] ??= "Cluster";
        }
    }

    /// <summary>apimachinery IsDomainPrefixedPath: <c>host/path</c> with a DNS-subdomain host.</summary>
    private static void ValidateDomainPrefixedPath(string path, string value, List<FieldError> errors)
    {
        if (value.Length == 0)
        {
            errors.Add(FieldError.Required(path, ""));
            return;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            errors.Add(FieldError.Invalid(path, value, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
            return;
        }

        var host = value[..slash];
        foreach (var msg in NameRules.IsDns1123Subdomain(host))
        {
            errors.Add(FieldError.Invalid(path, host, msg));
        }

        var rest = value[(slash + 1)..];
        if (!HttpPath().IsMatch(rest))
        {
            errors.Add(FieldError.Invalid(path, rest, $"must be a valid path (regex used for validation is '{HttpPathFmt}')"));
        }
    }

    private static void ValidateParameters(JsonObject parameters, List<FieldError> errors)
    {
        const string path = "spec.parameters";
        if (parameters.GetString("apiGroup") is { } apiGroup)
        {
            foreach (var msg in NameRules.IsDns1123Subdomain(apiGroup))
            {
                errors.Add(FieldError.Invalid($"{path}.apiGroup", apiGroup, msg));
            }
        }

        foreach (var field in new[] { "kind", "name" })
        {
            var value = parameters.GetString(field) ?? "";
            if (value.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.{field}", $"{field} is required"));
                continue;
            }

            foreach (var msg in NameRules.IsValidPathSegmentName(value))
            {
                errors.Add(FieldError.Invalid($"{path}.{field}", value, msg));
            }
        }

        var scope = parameters.GetString("scope");
        if (scope is null)
        {
            errors.Add(FieldError.Required($"{path}.scope", ""));
            return;
        }

        var ns = parameters.GetString("namespace");
        if (!Scopes.Contains(scope))
        {
            errors.Add(FieldError.NotSupported($"{path}.scope", scope, Scopes));
        }
        else if (scope == "Namespace")
        {
            if (ns is null)
            {
                errors.Add(FieldError.Required($"{path}.namespace", "`parameters.scope` is set to 'Namespace'"));
            }
            else
            {
                foreach (var msg in NameRules.IsDns1123Label(ns))
                {
                    errors.Add(FieldError.Invalid($"{path}.namespace", ns, msg));
                }
            }
        }
        else if (ns is not null)
        {
            errors.Add(FieldError.Forbidden($"{path}.namespace", "`parameters.scope` is set to 'Cluster'"));
        }
    }
}
