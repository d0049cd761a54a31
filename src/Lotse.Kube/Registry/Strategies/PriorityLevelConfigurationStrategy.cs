using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration (upstream <c>pkg/registry/flowcontrol/prioritylevelconfiguration</c>,
/// SetDefaults_PriorityLevelConfiguration, light validation): stored only, nothing queues or rejects requests by it.
/// New clusters start with the mandatory <c>exempt</c> and <c>catch-all</c> levels (<see cref="MandatoryObjects"/>).
/// </summary>
public sealed class PriorityLevelConfigurationStrategy : KubeStrategy
{
    private static readonly string[] Types = ["Exempt", "Limited"];
    private static readonly string[] LimitResponseTypes = ["Queue", "Reject"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Type", "string", "", "`type` indicates whether this priority level is subject to limitation on request execution.  A value of `\"Exempt\"` means that requests of this priority level are not subject to a limit (and thus are never queued) and do not detract from the capacity made available to other priority levels.  A value of `\"Limited\"` means that (a) requests of this priority level _are_ subject to limits and (b) some of the server's limited capacity is made available exclusively to this priority level. Required."),
        new("NominalConcurrencyShares", "string", "", "`nominalConcurrencyShares` (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level."),
        new("Queues", "string", "", "`queues` is the number of queues for this priority level. The queues exist independently at each apiserver. The value must be positive.  Setting it to 1 effectively precludes shufflesharding and thus makes the distinguisher method of associated flow schemas irrelevant.  This field has a default value of 64."),
        new("HandSize", "string", "", "`handSize` is a small positive number that configures the shuffle sharding of requests into queues.  When enqueuing a request at this priority level the request's flow identifier (a string pair) is hashed and the hash value is used to shuffle the list of queues and deal a hand of the size specified here.  The request is put into one of the shortest queues in that hand. `handSize` must be no larger than `queues`, and should be significantly smaller (so that a few heavy flows do not saturate most of the queues).  See the user-facing documentation for more extensive guidance on setting this field.  This field has a default value of 8."),
        new("QueueLengthLimit", "string", "", "`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time; excess requests are rejected.  This value must be positive.  If not specified, it will be defaulted to 50."),
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
        var type = spec.GetString("type") ?? "";
        if (!Types.Contains(type))
        {
            errors.Add(FieldError.NotSupported("spec.type", type, Types));
            return;
        }

        if ((obj.Name() == "exempt") != (type == "Exempt"))
        {
            errors.Add(FieldError.Invalid("spec.type", type, "type must be 'Exempt' if and only if name is 'exempt'"));
        }

        var limited = spec.GetObject("limited");
        if (type == "Limited")
        {
            if (limited is null)
            {
                errors.Add(FieldError.Required("spec.limited", "must not be empty when type is Limited"));
            }

            if (spec?["exempt"] is not null)
            {
                errors.Add(FieldError.Forbidden("spec.exempt", "must be nil if the type is Limited"));
            }
        }
        else if (limited is not null)
        {
            errors.Add(FieldError.Forbidden("spec.limited", "must be nil if the type is not Limited"));
        }

        if (limited is null)
        {
            return;
        }

        if (limited.GetInt("nominalConcurrencyShares") is < 0 and var shares)
        {
            errors.Add(FieldError.InvalidRaw("spec.limited.nominalConcurrencyShares", shares.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be a non-negative integer"));
        }

        if (limited.GetInt("lendablePercent") is (< 0 or > 100) and var lendable)
        {
            errors.Add(FieldError.InvalidRaw("spec.limited.lendablePercent", lendable.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be between 0 and 100, inclusive"));
        }

        var response = limited.GetObject("limitResponse");
        var responseType = response.GetString("type") ?? "";
        if (!LimitResponseTypes.Contains(responseType))
        {
            errors.Add(FieldError.NotSupported("spec.limited.limitResponse.type", responseType, LimitResponseTypes));
        }
        else if (responseType == "Queue" && response.GetObject("queuing") is null)
        {
            errors.Add(FieldError.Required("spec.limited.limitResponse.queuing", "must not be empty if type is Queue"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var limited = spec.GetObject("limited");
        var queuing = limited.GetObject("limitResponse").GetObject("queuing");
        object Value(JsonObject? source, string field) => source is null ? "<none>" : source.GetInt(field) ?? 0;
        cells.Add(obj.Name());
        cells.Add(spec.GetString("type") ?? "");
        cells.Add(Value(limited, "nominalConcurrencyShares"));
        cells.Add(Value(queuing, "queues"));
        cells.Add(Value(queuing, "handSize"));
        cells.Add(Value(queuing, "queueLengthLimit"));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    /// <summary>kube-apiserver's mandatory levels: <c>exempt</c> (never limited) and <c>catch-all</c> (5 shares, rejects when full).</summary>
    public static IEnumerable<JsonObject> MandatoryObjects()
    {
        yield return Mandatory("exempt", new JsonObject
        {
            ["type"] = "Exempt",
            ["exempt"] = new JsonObject { ["nominalConcurrencyShares"] = 0, ["lendablePercent"] = 0 },
        });
        yield return Mandatory("catch-all", new JsonObject
        {
            ["type"] = "Limited",
            ["limited"] = new JsonObject
            {
                ["nominalConcurrencyShares"] = 5,
                ["limitResponse"] = new JsonObject { ["type"] = "Reject" },
                ["lendablePercent"] = 0,
            },
        });
    }

    private static JsonObject Mandatory(string name, JsonObject spec) => new()
    {
        ["apiVersion"] = FlowSchemaStrategy.Group + "/v1",
        ["kind"] = "PriorityLevelConfiguration",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["generation"] = 1,
            ["annotations"] = new JsonObject { ["apf.kubernetes.io/autoupdate-spec"] = "true" },
        },
        ["spec"] = spec,
        ["status"] = new JsonObject(),
    };

    private static void ApplyDefaults(JsonObject obj)
    {
        var spec = obj.GetObject("spec");
        if (spec.GetObject("limited") is { } limited)
        {
            limited["nominalConcurrencyShares"] ??= 30;
            limited["lendablePercent"] ??= 0;
            if (limited.GetObject("limitResponse").GetObject("queuing") is { } queuing)
            {
                queuing["handSize"] ??= 8;
                queuing["queues"] ??= 64;
                queuing["queueLengthLimit"] ??= 50;
            }
        }

        if (spec.GetObject("exempt") is { } exempt)
        {
            exempt["nominalConcurrencyShares"] ??= 0;
            exempt["lendablePercent"] ??= 0;
        }
    }
}
