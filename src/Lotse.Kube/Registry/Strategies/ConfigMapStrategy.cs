using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>core/v1 ConfigMap (upstream <c>pkg/registry/core/configmap/strategy.go</c>, <c>ValidateConfigMap</c>).</summary>
public sealed class ConfigMapStrategy : KubeStrategy
{
    private const int MaxSize = 1024 * 1024;

    public override IReadOnlyList<string> TopLevelFields { get; } = ["data", "binaryData", "immutable"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Data", "string", "", "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
        TableColumn.AgeColumn,
    ];

    public override string? DecodeError(JsonObject obj) =>
        DecodeChecks.StringMap(obj, "ConfigMap", "data") ?? DecodeChecks.Base64Map(obj, "ConfigMap", "binaryData");

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var data = obj.GetObject("data");
        var binary = obj.GetObject("binaryData");
        var size = 0L;
        if (data is not null)
        {
            foreach (var (key, value) in data)
            {
                foreach (var msg in NameRules.IsConfigMapKey(key))
                {
                    errors.Add(FieldError.Invalid($"data[{key}]", key, msg));
                }

                size += key.Length + (value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Length : 0);
            }
        }

        if (binary is not null)
        {
            foreach (var (key, value) in binary)
            {
                foreach (var msg in NameRules.IsConfigMapKey(key))
                {
                    errors.Add(FieldError.Invalid($"binaryData[{key}]", key, msg));
                }

                if (data?.ContainsKey(key) == true)
                {
                    errors.Add(FieldError.Invalid($"binaryData[{key}]", key, "duplicate of key present in data"));
                }

                size += key.Length + (value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Length * 3 / 4 : 0);
            }
        }

        if (size > MaxSize)
        {
            errors.Add(new FieldError("FieldValueTooLong", "", $"Too long: must have at most {MaxSize} bytes"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add((long)(obj.GetObject("data").CountProperties() + obj.GetObject("binaryData").CountProperties()));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }
}
