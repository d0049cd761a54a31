using System.Globalization;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Tests.Unit;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("1Gi", "1Gi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("1000m", "1")]
    [InlineData("500m", "500m")]
    [InlineData("0.5", "500m")]
    [InlineData("1500", "1500")]
    [InlineData("1k", "1k")]
    [InlineData("1000k", "1M")]
    [InlineData("100Ki", "100Ki")]
    [InlineData("512", "512")]
    [InlineData("0.1Ki", "102400m")]
    [InlineData("1e3", "1e3")]
    [InlineData("1E3", "1e3")]
    [InlineData("12e6", "12e6")]
    [InlineData("1E", "1E")]
    [InlineData("0", "0")]
    [InlineData("0Gi", "0")]
    [InlineData("000", "0")]
    [InlineData("-5m", "-5m")]
    [InlineData("+2", "2")]
    [InlineData("0.0000000001", "1n")]
    [InlineData("1.", "1")]
    [InlineData(".5", "500m")]
    public void Parse_Valid_CanonicalForm(string text, string canonical)
    {
        Quantity.TryParse(text, out var quantity, out var error).ShouldBeTrue(error);
        quantity.ToString().ShouldBe(canonical);
    }

    [Theory]
    [InlineData("", Quantity.FormatError)]
    [InlineData("abc", Quantity.FormatError)]
    [InlineData("1 Gi", Quantity.FormatError)]
    [InlineData("1Gb", Quantity.FormatError)]
    [InlineData("1GG", Quantity.SuffixError)]
    [InlineData("5ki", Quantity.SuffixError)]
    [InlineData("Gi", Quantity.NumericError)]
    public void Parse_Invalid_UpstreamError(string text, string expected)
    {
        Quantity.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe(expected);
    }

    [Fact]
    public void Compare_AcrossFormats_ByValue()
    {
        Quantity.Parse("1Gi").CompareTo(Quantity.Parse("1G")).ShouldBeGreaterThan(0);
        Quantity.Parse("1000m").CompareTo(Quantity.Parse("1")).ShouldBe(0);
        Quantity.Parse("100m").CompareTo(Quantity.Parse("0.2")).ShouldBeLessThan(0);
    }

    [Theory]
    [InlineData("2", "resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"2\", Format:\"DecimalSI\"}")]
    [InlineData("500m", "resource.Quantity{i:resource.int64Amount{value:500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"500m\", Format:\"DecimalSI\"}")]
    [InlineData("1000m", "resource.Quantity{i:resource.int64Amount{value:1000, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"\", Format:\"DecimalSI\"}")]
    [InlineData("1Gi", "resource.Quantity{i:resource.int64Amount{value:1073741824, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"1Gi\", Format:\"BinarySI\"}")]
    public void GoSyntax_MatchesUpstreamRepresentation(string text, string expected) =>
        Quantity.Parse(text).GoSyntax().ShouldBe(expected);

    [Fact]
    public void FromJson_NumberAndString_Accepted_BoolRefused()
    {
        Quantity.TryFromJson(JsonNode.Parse("5"), out var number, out _).ShouldBeTrue();
        number!.ToString().ShouldBe("5");
        Quantity.TryFromJson(JsonValue.Create("2Gi"), out var text, out _).ShouldBeTrue();
        text!.ToString().ShouldBe("2Gi");
        Quantity.TryFromJson(JsonNode.Parse("true"), out _, out var error).ShouldBeFalse();
        error.ShouldBe(Quantity.FormatError);
        var map = new JsonObject { ["storage"] = "1024Mi", ["cpu"] = 2 };
        Quantity.CanonicalizeMap(map);
        map.ToJsonString().ShouldBe("""{"storage":"1Gi","cpu":"2"}""");
    }

    /// <summary>The canonical form parses back to the same value and is its own canonical form.</summary>
    [Property(MaxTest = 500)]
    public bool Canonical_RoundTrips(int seed)
    {
        var random = new Random(seed);
        string[] suffixes = ["", "m", "k", "M", "G", "Ki", "Mi", "Gi", "Ti", "e3", "u", "n"];
        var digits = random.Next(0, 100_000).ToString(CultureInfo.InvariantCulture);
        var fraction = random.Next(3) == 0 ? "." + random.Next(0, 1000).ToString(CultureInfo.InvariantCulture) : "";
        var text = (random.Next(4) == 0 ? "-" : "") + digits + fraction + suffixes[random.Next(suffixes.Length)];
        var quantity = Quantity.Parse(text);
        var canonical = Quantity.Parse(quantity.ToString());
        return canonical.Value == quantity.Value && canonical.ToString() == quantity.ToString();
    }
}
