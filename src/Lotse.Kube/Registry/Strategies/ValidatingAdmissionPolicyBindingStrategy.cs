using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding (upstream
/// <c>pkg/registry/admissionregistration/validatingadmissionpolicybinding</c>): stored with light validation; since
/// policies are never evaluated, a binding changes no admission decision.
/// </summary>
public sealed class ValidatingAdmissionPolicyBindingStrategy : KubeStrategy
{
    private static readonly string[] ValidationActions = ["Audit", "Deny", "Warn"];
    private static readonly string[] NotFoundActions = ["Allow", "Deny"];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["spec"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("PolicyName", "string", "", "PolicyName indicates the policy definition which the policy binding binded to"),
        new("ParamRef", "string", "", "ParamRef indicates the param resource which sets the configration param"),
        TableColumn.AgeColumn,
    ];

    public override void PrepareForCreate(JsonObject obj)
    {
        obj.Metadata()["generation"] = 1;
        AdmissionRegistrationRules.DefaultMatchResources(obj.GetObject("spec").GetObject("matchResources"));
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        AdmissionRegistrationRules.DefaultMatchResources(obj.GetObject("spec").GetObject("matchResources"));
        obj.BumpGenerationOnChange(old);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        if (string.IsNullOrEmpty(spec.GetString("policyName")))
        {
            errors.Add(FieldError.Required("spec.policyName", ""));
        }

        var actions = AdmissionRegistrationRules.Strings(spec, "validationActions");
        if (actions.Count == 0)
        {
            errors.Add(FieldError.Required("spec.validationActions", ""));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            if (!seen.Add(actions[i]))
            {
                errors.Add(FieldError.Duplicate($"spec.validationActions[{i}]", actions[i]));
            }
            else if (!ValidationActions.Contains(actions[i]))
            {
                errors.Add(FieldError.NotSupported($"spec.validationActions[{i}]", actions[i], ValidationActions));
            }
        }

        if (spec.GetObject("paramRef") is { } paramRef)
        {
            var hasName = !string.IsNullOrEmpty(paramRef.GetString("name"));
            if (hasName == paramRef["selector"] is not null)
            {
                errors.Add(FieldError.Required("spec.paramRef", "one of `name` or `selector` must be specified"));
            }

            var notFound = paramRef.GetString("parameterNotFoundAction");
            if (notFound is null)
            {
                errors.Add(FieldError.Required("spec.paramRef.parameterNotFoundAction", ""));
            }
            else if (!NotFoundActions.Contains(notFound))
            {
                errors.Add(FieldError.NotSupported("spec.paramRef.parameterNotFoundAction", notFound, NotFoundActions));
            }
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var paramRef = spec.GetObject("paramRef");
        var param = "<unset>";
        if (paramRef?.GetString("name") is { Length: > 0 } name)
        {
            param = paramRef.GetString("namespace") is { Length: > 0 } ns ? $"{ns}/{name}" : $"*/{name}";
        }
        else if (paramRef.GetObject("selector") is { } selector)
        {
            param = LabelSelectors.Format(selector);
        }

        cells.Add(obj.Name());
        cells.Add(spec.GetString("policyName") ?? "");
        cells.Add(param);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }
}
