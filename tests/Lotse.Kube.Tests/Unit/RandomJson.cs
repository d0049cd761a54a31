using System.Text.Json.Nodes;

namespace Lotse.Kube.Tests.Unit;

/// <summary>Seeded random JSON documents for property tests (small key space so documents overlap).</summary>
internal static class RandomJson
{
    private static readonly string[] Keys = ["a", "b", "c", "d", "e/f", "g~h"];

    public static JsonObject Object(Random random, int depth = 3, bool allowNullValues = false)
    {
        var obj = new JsonObject();
        var count = random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            obj[Keys[random.Next(Keys.Length)]] = Value(random, depth - 1, allowNullValues);
        }

        return obj;
    }

    public static JsonNode? Value(Random random, int depth, bool allowNullValues) => random.Next(depth > 0 ? 7 : 5) switch
    {
        0 => JsonValue.Create(random.Next(-5, 5)),
        1 => JsonValue.Create(Keys[random.Next(Keys.Length)]),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => allowNullValues ? null : JsonValue.Create("n"),
        4 => JsonValue.Create("s" + random.Next(3)),
        5 => new JsonArray(Enumerable.Range(0, random.Next(3)).Select(_ => Value(random, depth - 1, allowNullValues)).ToArray()),
        _ => Object(random, depth - 1, allowNullValues),
    };
}
