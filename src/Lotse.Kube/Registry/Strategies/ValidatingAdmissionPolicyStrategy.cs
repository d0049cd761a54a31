using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy (upstream <c>pkg/registry/admissionregistration/validatingadmissionpolicy</c>):
/// stored with its defaults and a light structural validation. The CEL expressions are neither compiled nor evaluated,
/// so no request is ever refused by a policy and the status (type checking) stays as the status subresource sets it.
/// </summary>
public sealed class ValidatingAdmissionPolicyStrategy : KubeStrategy
{
    private static readonly string[] Reasons = ["Forbidden", "Invalid", "RequestEntityTooLarge", "Unauthorized"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Validations", "integer", "", "Validations indicates the number of validation rules defined in this configuration"),
        new("ParamKind", "string", "", "ParamKind specifies the kind of resources used to parameterize this policy"),
        TableColumn.AgeColumn,
    ];

    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject();
        obj.Metadata()["generation"] = 1;
        ApplyDefaults(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone();
        ApplyDefaults(obj);
        obj.BumpGenerationOnChange(old);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        if (spec.GetString("failurePolicy") is { } failurePolicy && !AdmissionRegistrationRules.FailurePolicies.Contains(failurePolicy))
        {
            errors.Add(FieldError.NotSupported("spec.failurePolicy", failurePolicy, AdmissionRegistrationRules.FailurePolicies));
        }

        if (spec.GetObject("paramKind") is { } paramKind)
        {
            foreach (var field in new[] { "apiVersion", "kind" })
            {
                if (string.IsNullOrEmpty(paramKind.GetString(field)))
                {
                    errors.Add(FieldError.Required($"spec.paramKind.{field}", ""));
                }
            }
        }

        var match = spec.GetObject("matchConstraints");
        if (match.GetArray("resourceRules") is not { Count: > 0 } rules)
        {
            errors.Add(FieldError.Required("spec.matchConstraints.resourceRules", ""));
        }
        else
        {
            AdmissionRegistrationRules.ValidateRules(rules, "spec.matchConstraints.resourceRules", errors);
        }

        var validations = spec.GetArray("validations")?.OfType<JsonObject>().ToList() ?? [];
        if (validations.Count == 0 && spec.GetArray("auditAnnotations") is not { Count: > 0 })
        {
            errors.Add(FieldError.Required("spec.validations", "validations or auditAnnotations must contain at least one item"));
        }

        for (var i = 0; i < validations.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(validations[i].GetString("expression")))
            {
                errors.Add(FieldError.Required($"spec.validations[{i}].expression", "expression is not specified"));
            }

            if (validations[i].GetString("reason") is { } reason && !Reasons.Contains(reason))
            {
                errors.Add(FieldError.NotSupported($"spec.validations[{i}].reason", reason, Reasons));
            }
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var paramKind = spec.GetObject("paramKind");
        cells.Add(obj.Name());
        cells.Add((long)(spec.GetArray("validations")?.Count ?? 0));
        cells.Add(paramKind is null ? "<unset>" : $"{paramKind.GetString("apiVersion")}/{paramKind.GetString("kind")}");
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = [];
            obj["spec"] = spec;
        }

        spec["failurePolicy"] ??= "Fail";
        AdmissionRegistrationRules.DefaultMatchResources(spec.GetObject("matchConstraints"));
    }
}
