using Lotse.Kube.Rbac;

namespace Lotse.Kube.Tests.Rbac;

/// <summary>Escalation prevention: what a user holds must cover what the user grants (upstream <c>Covers</c> + <c>CompactRules</c>).</summary>
public sealed class RbacEscalationTests
{
    private static readonly KubeUser Alice = new("alice", "", ["dev", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>>());

    [Fact]
    public void Missing_HeldWildcard_CoversEverything() =>
        RbacEscalation.Missing([RbacPolicyRule.Resource(["*"], ["*"], ["*"])], [RbacPolicyRule.Resource(["get", "delete"], ["", "apps"], ["pods", "deployments/scale"])]).ShouldBeEmpty();

    [Fact]
    public void Missing_PartlyHeld_ListsOnlyTheMissingVerbs()
    {
        var missing = RbacEscalation.Missing([RbacPolicyRule.Resource(["get", "list"], [""], ["pods"])], [RbacPolicyRule.Resource(["get", "create", "delete"], [""], ["pods"])]);
        missing.Select(r => r.CompactString()).ShouldBe(["{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"create\"]}", "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\"]}"]);
    }

    [Fact]
    public void Missing_StarSubresourceHeld_CoversThatSubresourceOfAnyResource() =>
        RbacEscalation.Missing([RbacPolicyRule.Resource(["get"], ["apps"], ["*/scale"])], [RbacPolicyRule.Resource(["get"], ["apps"], ["deployments/scale"])]).ShouldBeEmpty();

    [Fact]
    public void Missing_NamedHeld_DoesNotCoverUnnamed() =>
        RbacEscalation.Missing([RbacPolicyRule.Resource(["get"], [""], ["secrets"], ["a"])], [RbacPolicyRule.Resource(["get"], [""], ["secrets"])]).Count.ShouldBe(1);

    [Fact]
    public void Missing_UrlPrefixHeld_CoversLongerUrls() =>
        RbacEscalation.Missing([RbacPolicyRule.Urls(["get"], ["/healthz*"])], [RbacPolicyRule.Urls(["get"], ["/healthz/etcd"])]).ShouldBeEmpty();

    [Fact]
    public void Message_MissingRules_CompactedSortedWordForWord()
    {
        var missing = RbacEscalation.Missing([], [RbacPolicyRule.Resource(["list", "get"], [""], ["pods"]), RbacPolicyRule.Urls(["get"], ["/metrics"])]);
        RbacEscalation.Message(Alice, missing).ShouldBe(
            "user \"alice\" (groups=[\"dev\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n"
            + "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"list\" \"get\"]}\n"
            + "{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}");
    }

    [Fact]
    public void Message_ResolutionError_Appended() =>
        RbacEscalation.Message(Alice, [RbacPolicyRule.Resource(["get"], [""], ["pods"])], "clusterrole.rbac.authorization.k8s.io \"gone\" not found")
            .ShouldEndWith("; resolution errors: [clusterrole.rbac.authorization.k8s.io \"gone\" not found]");

    /// <summary>Property: a user always covers a role made of a subset of the user's own broken-down rules.</summary>
    [Fact]
    public void Missing_SubsetOfHeldParts_AlwaysEmpty()
    {
        var random = new Random(99);
        string[] verbs = ["get", "list", "watch", "create", "delete"];
        string[] resources = ["pods", "services", "configmaps", "pods/log"];
        for (var i = 0; i < 500; i++)
        {
            var held = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => RbacPolicyRule.Resource(verbs.Where(_ => random.Next(2) == 0).DefaultIfEmpty("get").ToArray(), [""], resources.Where(_ => random.Next(2) == 0).DefaultIfEmpty("pods").ToArray()))
                .ToList();
            var parts = held.SelectMany(RbacEscalation.Breakdown).Where(_ => random.Next(2) == 0).ToList();
            RbacEscalation.Missing(held, parts).ShouldBeEmpty();
        }
    }
}
