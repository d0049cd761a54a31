using System.Globalization;
using System.Text.Json;

namespace Lotse.Aws.Logs;

/// <summary>The JSON body of an awsJson1_1 CloudWatch Logs request, with the model's member checks.</summary>
internal sealed class LogsRequest
{
    private readonly JsonElement _root;

    private LogsRequest(JsonElement root) => _root = root;

    public static LogsRequest Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return new LogsRequest(default);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw LogsErrors.Serialization();
            }

            return new LogsRequest(json.RootElement.Clone());
        }
        catch (JsonException)
        {
            throw LogsErrors.Serialization();
        }
    }

    public string? String(string member) =>
        Member(member) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw LogsErrors.Serialization() : null;

    public bool? Bool(string member) =>
        Member(member) is { } value ? value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw LogsErrors.Serialization() : null;

    public long? Long(string member) =>
        Member(member) is { } value ? value.TryGetInt64(out var number) ? number : throw LogsErrors.Serialization() : null;

    public IReadOnlyList<string>? Strings(string member) =>
        Member(member) is { } value
            ? value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                ? value.EnumerateArray().Select(e => e.GetString()!).ToList()
                : throw LogsErrors.Serialization()
            : null;

    /// <summary>An integer member within the model's bounds (botocore checks only the minimum client-side).</summary>
    public int Limit(string member, int max, int fallback)
    {
        var value = Long(member);
        if (value is null)
        {
            return fallback;
        }

        if (value < 1 || value > max)
        {
            var bound = value < 1 ? "greater than or equal to 1" : $"less than or equal to {max.ToString(CultureInfo.InvariantCulture)}";
            throw LogsErrors.InvalidParameter($"1 validation error detected: Value '{value.Value.ToString(CultureInfo.InvariantCulture)}' at '{member}' failed to satisfy constraint: Member must have value {bound}");
        }

        return (int)value.Value;
    }

    private JsonElement? Member(string member) =>
        _root.ValueKind == JsonValueKind.Object && _root.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
