using System.Text.Json.Nodes;
using Lotse.Kube.Reviews;

namespace Lotse.Kube.Tests.Reviews;

/// <summary>Access review validation, message for message as kube-apiserver 1.32.</summary>
public sealed class AccessReviewSpecTests
{
    [Fact]
    public void ValidateSelf_NeitherAttributes_ExactlyOneRequired()
    {
        AccessReviewSpec.ValidateSelf([]).Select(e => e.ToString())
            .ShouldBe(["spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified"]);
    }

    [Fact]
    public void ValidateSelf_BothAttributes_CannotCombine()
    {
        var spec = JsonNode.Parse("""{"resourceAttributes":{"verb":"get","resource":"pods"},"nonResourceAttributes":{"path":"/api","verb":"get"}}""")!.AsObject();
        AccessReviewSpec.ValidateSelf(spec).Select(e => e.ToString()).ShouldBe(
            ["spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:\"/api\", Verb:\"get\"}: cannot be specified in combination with resourceAttributes"]);
    }

    [Fact]
    public void ValidateSelf_SelectorWithoutRequirements_Required()
    {
        var spec = JsonNode.Parse("""{"resourceAttributes":{"verb":"list","resource":"pods","labelSelector":{}}}""")!.AsObject();
        AccessReviewSpec.ValidateSelf(spec).Single().ToString()
            .ShouldBe("spec.resourceAttributes.labelSelector.requirements: Required value: when spec.resourceAttributes.labelSelector is specified, requirements or rawSelector is required");
    }

    [Fact]
    public void ValidateSubject_NoUserNoGroupAndMetadata_BothReported()
    {
        var review = JsonNode.Parse("""{"metadata":{"name":"x"},"spec":{"resourceAttributes":{"verb":"get","resource":"pods"}}}""")!.AsObject();
        var errors = AccessReviewSpec.ValidateSubject(review).Select(e => e.ToString()).ToList();
        errors[0].ShouldBe("spec.user: Invalid value: \"\": at least one of user or group must be specified");
        errors[1].ShouldStartWith("metadata: Invalid value: v1.ObjectMeta{Name:\"x\", GenerateName:\"\"");
        errors[1].ShouldEndWith(": must be empty");
    }

    [Fact]
    public void ValidateLocal_NamespaceMismatchAndNonResource_Refused()
    {
        var review = JsonNode.Parse("""{"metadata":{"namespace":"a"},"spec":{"user":"u","resourceAttributes":{"namespace":"b","verb":"get","resource":"pods"}}}""")!.AsObject();
        AccessReviewSpec.ValidateLocal(review).Single().ToString().ShouldBe("spec.resourceAttributes.namespace: Invalid value: \"b\": must match metadata.namespace");

        var nonResource = JsonNode.Parse("""{"metadata":{"namespace":"a"},"spec":{"user":"u","nonResourceAttributes":{"path":"/x","verb":"get"}}}""")!.AsObject();
        AccessReviewSpec.ValidateLocal(nonResource).Single().ToString()
            .ShouldBe("spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:\"/x\", Verb:\"get\"}: disallowed on this kind of request");
    }

    [Fact]
    public void Attributes_EmptyVersion_MeansEveryVersion()
    {
        var spec = JsonNode.Parse("""{"resourceAttributes":{"namespace":"n","verb":"get","group":"apps","resource":"deployments","subresource":"scale","name":"d"}}""")!.AsObject();
        var info = AccessReviewSpec.Attributes(spec);
        (info.IsResourceRequest, info.Verb, info.Namespace, info.ApiGroup, info.ApiVersion, info.Resource, info.Subresource, info.Name)
            .ShouldBe((true, "get", "n", "apps", "*", "deployments", "scale", "d"));
    }
}
