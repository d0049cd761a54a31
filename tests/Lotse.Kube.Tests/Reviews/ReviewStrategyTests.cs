using System.Text.Json.Nodes;
using Lotse.Kube.Reviews;

namespace Lotse.Kube.Tests.Reviews;

/// <summary>The never-stored kinds' strategy: only names and ages in tables; reviews are registered create-only with handlers.</summary>
public sealed class ReviewStrategyTests
{
    [Fact]
    public void WriteCells_Review_NameAndAge()
    {
        var cells = new List<object>();
        ReviewStrategy.Instance.WriteCells(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x" } }, DateTimeOffset.UtcNow, cells);
        cells.Count.ShouldBe(ReviewStrategy.Instance.Columns.Count);
        cells[0].ShouldBe("x");
    }

    [Fact]
    public void Registry_Reviews_CreateOnlyWithHandlers()
    {
        var registry = Registry.KubeResourceRegistry.CreateDefault();
        foreach (var resource in new[] { "selfsubjectaccessreviews", "subjectaccessreviews", "localsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews", "tokenreviews" })
        {
            var review = registry.Resources.Single(r => r.Resource == resource);
            review.Verbs.ShouldBe(["create"]);
            review.Handler.ShouldNotBeNull();
        }

        registry.Find("", "v1", "serviceaccounts")!.FindSubresource("token")!.Kind.ShouldBe("TokenRequest");
    }
}
