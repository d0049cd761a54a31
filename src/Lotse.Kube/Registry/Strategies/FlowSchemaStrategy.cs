using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// flowcontrol.apiserver.k8s.io/v1 FlowSchema (upstream <c>pkg/registry/flowcontrol/flowschema</c>, SetDefaults_FlowSchemaSpec,
/// light ValidateFlowSchema): stored only, Lotse does no API priority and fairness. New clusters start with
/// kube-apiserver's mandatory <c>exempt</c> and <c>catch-all</c> schemas (<see cref="MandatoryObjects"/>).
/// </summary>
public sealed class FlowSchemaStrategy : KubeStrategy
{
    public const string Group = "flowcontrol.apiserver.k8s.io";

    private static readonly string[] DistinguisherMethods = ["ByNamespace", "ByUser"];
    private static readonly string[] SubjectKinds = ["Group", "ServiceAccount", "User"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("PriorityLevel", "string", "", "`name` is the name of the priority level configuration being referenced Required."),
        new("MatchingPrecedence", "string", "", "`matchingPrecedence` is used to choose among the FlowSchemas that match a given request. The chosen FlowSchema is among those with the numerically lowest (which we take to be logically highest) MatchingPrecedence.  Each MatchingPrecedence value must be ranged in [1,10000]. Note that if the precedence is not specified, it will be set to 1000 as default."),
        new("DistinguisherMethod", "string", "", "`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema. `nil` specifies that the distinguisher is disabled and thus will always be the empty string."),
        TableColumn.AgeColumn,
        new("MissingPL", "string", "", "references a broken or non-existent PriorityLevelConfiguration"),
    ];

    public override string? DecodeError(JsonObject obj) =>
        PriorityClassStrategy.Int32DecodeError(obj.GetObject("spec")?["matchingPrecedence"], "FlowSchemaSpec.spec.matchingPrecedence");

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
        if (spec.GetInt("matchingPrecedence") is { } precedence)
        {
            if (precedence <= 0)
            {
                errors.Add(FieldError.InvalidRaw("spec.matchingPrecedence", precedence.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be a positive value"));
            }
            else if (precedence > 10000)
            {
                errors.Add(FieldError.InvalidRaw("spec.matchingPrecedence", precedence.ToString(System.Globalization.CultureInfo.InvariantCulture), "must not be greater than 10000"));
            }
        }

        if (spec.GetObject("distinguisherMethod") is { } method && !DistinguisherMethods.Contains(method.GetString("type") ?? ""))
        {
            errors.Add(FieldError.NotSupported("spec.distinguisherMethod.type", method.GetString("type") ?? "", DistinguisherMethods));
        }

        if (string.IsNullOrEmpty(spec.GetObject("priorityLevelConfiguration").GetString("name")))
        {
            errors.Add(FieldError.Required("spec.priorityLevelConfiguration.name", "must reference a priority level"));
        }

        var rules = spec.GetArray("rules")?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var subjects = rules[i].GetArray("subjects")?.OfType<JsonObject>().ToList() ?? [];
            if (subjects.Count == 0)
            {
                errors.Add(FieldError.Required($"spec.rules[{i}].subjects", "subjects must contain at least one value"));
            }

            for (var j = 0; j < subjects.Count; j++)
            {
                var kind = subjects[j].GetString("kind") ?? "";
                if (!SubjectKinds.Contains(kind))
                {
                    errors.Add(FieldError.NotSupported($"spec.rules[{i}].subjects[{j}].kind", kind, SubjectKinds));
                }
            }

            if (rules[i].GetArray("resourceRules") is not { Count: > 0 } && rules[i].GetArray("nonResourceRules") is not { Count: > 0 })
            {
                errors.Add(FieldError.Required($"spec.rules[{i}]", "at least one of resourceRules and nonResourceRules has to be non-empty"));
            }
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var dangling = obj.GetObject("status").GetArray("conditions")?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == "Dangling");
        cells.Add(obj.Name());
        cells.Add(spec.GetObject("priorityLevelConfiguration").GetString("name") ?? "");
        cells.Add(spec.GetInt("matchingPrecedence") ?? 0);
        cells.Add(spec.GetObject("distinguisherMethod").GetString("type") ?? "<none>");
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        cells.Add(dangling?.GetString("status") ?? "?");
    }

    /// <summary>kube-apiserver's mandatory schemas: system:masters exempt, everyone else in catch-all by user.</summary>
    public static IEnumerable<JsonObject> MandatoryObjects()
    {
        yield return Mandatory("exempt", 1, null, Subjects("system:masters"));
        yield return Mandatory("catch-all", 10000, "ByUser", Subjects("system:unauthenticated", "system:authenticated"));
    }

    private static JsonArray Subjects(params string[] groups) =>
        [.. groups.Select(g => (JsonNode)new JsonObject { ["kind"] = "Group", ["group"] = new JsonObject { ["name"] = g } })];

    private static JsonObject Mandatory(string name, int precedence, string? distinguisher, JsonArray subjects)
    {
        var spec = new JsonObject
        {
            ["priorityLevelConfiguration"] = new JsonObject { ["name"] = name },
            ["matchingPrecedence"] = precedence,
        };
        if (distinguisher is not null)
        {
            spec["distinguisherMethod"] = new JsonObject { ["type"] = distinguisher };
        }

        spec["rules"] = new JsonArray(new JsonObject
        {
            ["subjects"] = subjects,
            ["resourceRules"] = new JsonArray(new JsonObject
            {
                ["verbs"] = new JsonArray("*"),
                ["apiGroups"] = new JsonArray("*"),
                ["resources"] = new JsonArray("*"),
                ["clusterScope"] = true,
                ["namespaces"] = new JsonArray("*"),
            }),
            ["nonResourceRules"] = new JsonArray(new JsonObject { ["verbs"] = new JsonArray("*"), ["nonResourceURLs"] = new JsonArray("*") }),
        });
        return new JsonObject
        {
            ["apiVersion"] = Group + "/v1",
            ["kind"] = "FlowSchema",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["generation"] = 1,
                ["annotations"] = new JsonObject { ["apf.kubernetes.io/autoupdate-spec"] = "true" },
            },
            ["spec"] = spec,
            ["status"] = new JsonObject(),
        };
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = [];
            obj["spec"] = spec;
        }

        if ((spec.GetInt("matchingPrecedence") ?? 0) == 0)
        {
            spec["matchingPrecedence"] = 1000;
        }
    }
}
