using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Registry;

namespace Lotse.Kube.Tables;

/// <summary>What a table row carries besides its cells (<c>includeObject</c> query parameter).</summary>
public enum IncludeObject
{
    None,
    Metadata,
    Object,
}

/// <summary>Writes <c>meta.k8s.io Table</c> objects from a kind's column definitions and cell printer.</summary>
public static class TableWriter
{
    /// <summary>A cell without a value (a printer column whose JSONPath found nothing), written as JSON null.</summary>
    public static readonly object NullCell = new();

    public static IncludeObject ParseInclude(string? value) => value switch
    {
        "None" => IncludeObject.None,
        "Object" => IncludeObject.Object,
        _ => IncludeObject.Metadata,
    };

    public static void Write(
        Utf8JsonWriter writer, KubeResource resource, string metaApiVersion, IEnumerable<JsonObject> objects,
        bool withColumns, IncludeObject include, string? resourceVersion, string? continueToken, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Table");
        writer.WriteString("apiVersion", metaApiVersion);
        writer.WriteStartObject("metadata");
        if (resourceVersion is not null)
        {
            writer.WriteString("resourceVersion", resourceVersion);
        }

        if (!string.IsNullOrEmpty(continueToken))
        {
            writer.WriteString("continue", continueToken);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("columnDefinitions");
        if (withColumns)
        {
            foreach (var column in resource.Strategy.Columns)
            {
                writer.WriteStartObject();
                writer.WriteString("name", column.Name);
                writer.WriteString("type", column.Type);
                writer.WriteString("format", column.Format);
                writer.WriteString("description", column.Description);
                writer.WriteNumber("priority", column.Priority);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        var cells = new List<object>(resource.Strategy.Columns.Count);
        foreach (var obj in objects)
        {
            cells.Clear();
            resource.Strategy.WriteCells(obj, now, cells);
            writer.WriteStartObject();
            writer.WriteStartArray("cells");
            foreach (var cell in cells)
            {
                switch (cell)
                {
                    case long l: writer.WriteNumberValue(l); break;
                    case int i: writer.WriteNumberValue(i); break;
                    case bool b: writer.WriteBooleanValue(b); break;
                    case double d: writer.WriteNumberValue(d); break;
                    case var none when ReferenceEquals(none, NullCell): writer.WriteNullValue(); break;
                    default: writer.WriteStringValue(cell.ToString()); break;
                }
            }

            writer.WriteEndArray();
            switch (include)
            {
                case IncludeObject.Metadata:
                    writer.WritePropertyName("object");
                    WritePartialObjectMetadata(writer, metaApiVersion, obj);
                    break;
                case IncludeObject.Object:
                    writer.WritePropertyName("object");
                    obj.WriteTo(writer);
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WritePartialObjectMetadata(Utf8JsonWriter writer, string metaApiVersion, JsonObject obj)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "PartialObjectMetadata");
        writer.WriteString("apiVersion", metaApiVersion);
        writer.WritePropertyName("metadata");
        (obj["metadata"] ?? new JsonObject()).WriteTo(writer);
        writer.WriteEndObject();
    }
}
