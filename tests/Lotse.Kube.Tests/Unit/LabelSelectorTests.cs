using FsCheck.Xunit;
using Lotse.Kube.Selectors;

namespace Lotse.Kube.Tests.Unit;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["env"] = "prod", ["n"] = "5" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (web,db)", true)]
    [InlineData("app in (db)", false)]
    [InlineData("app notin (db, cache)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("missing notin (web)", true)]
    [InlineData("tier", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!tier", false)]
    [InlineData("app=web,tier=front", true)]
    [InlineData("app=web, tier=back", false)]
    [InlineData("n>3", true)]
    [InlineData("n<3", false)]
    [InlineData("example.com/key", false)]
    public void Matches_Expression_AsApimachinery(string selector, bool expected)
    {
        LabelSelector.Parse(selector).Matches(Labels).ShouldBe(expected);
    }

    [Theory]
    [InlineData("app=")]
    [InlineData("a==")]
    public void Parse_EmptyValue_SelectsEmptyValue(string selector)
    {
        LabelSelector.Parse(selector).Matches(new Dictionary<string, string> { ["app"] = "", ["a"] = "" }).ShouldBeTrue();
    }

    [Theory]
    [InlineData("app in web")]
    [InlineData("app in (")]
    [InlineData("=web")]
    [InlineData("app=web,")]
    [InlineData("Bad Key=1")]
    [InlineData("app=web=x")]
    [InlineData("n>x")]
    [InlineData("app in ()")]
    public void Parse_Malformed_FormatException(string selector)
    {
        Should.Throw<FormatException>(() => LabelSelector.Parse(selector));
    }

    [Property(MaxTest = 300)]
    public bool Matches_RandomEqualityClauses_EqualsModel(int seed)
    {
        var random = new Random(seed);
        var keys = new[] { "a", "b", "c" };
        var values = new[] { "x", "y" };
        var labels = keys.Where(_ => random.Next(2) == 0).ToDictionary(k => k, _ => values[random.Next(2)]);
        var clauses = new List<(string Text, Func<bool> Expected)>();
        for (var i = 0; i < random.Next(1, 4); i++)
        {
            var key = keys[random.Next(keys.Length)];
            var value = values[random.Next(2)];
            var has = labels.TryGetValue(key, out var actual);
            clauses.Add(random.Next(6) switch
            {
                0 => ($"{key}={value}", () => has && actual == value),
                1 => ($"{key}!={value}", () => !has || actual != value),
                2 => ($"{key} in ({value},z)", () => has && actual == value),
                3 => ($"{key} notin ({value})", () => !has || actual != value),
                4 => (key, () => has),
                _ => ("!" + key, () => !has),
            });
        }

        var selector = LabelSelector.Parse(string.Join(",", clauses.Select(c => c.Text)));
        return selector.Matches(labels) == clauses.All(c => c.Expected());
    }
}
