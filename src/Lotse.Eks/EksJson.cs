using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lotse.Eks;

/// <summary>The one JSON configuration of the EKS API: camelCase members, nulls omitted (as EKS answers).</summary>
public static class EksJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };
}
