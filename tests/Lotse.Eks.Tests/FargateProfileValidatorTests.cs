using Lotse.Aws;
using Lotse.Eks.Fargate;

namespace Lotse.Eks.Tests;

public class FargateProfileValidatorTests
{
    private static CreateFargateProfileRequest Request(params FargateProfileSelector[] selectors) =>
        new() { FargateProfileName = "fp", PodExecutionRoleArn = "arn:aws:iam::123456789012:role/pods", Selectors = [.. selectors] };

    private static string Message(CreateFargateProfileRequest request) =>
        Should.Throw<AwsServiceException>(() => FargateProfileValidator.Validate(request, "demo")).Message;

    [Fact]
    public void Validate_OneNamespaceSelector_IsAccepted() =>
        FargateProfileValidator.Validate(Request(new FargateProfileSelector { Namespace = "default" }), "demo");

    [Fact]
    public void Validate_NoSelector_RequiresOne() => Message(Request()).ShouldBe("Fargate Profile requires at least one selector.");

    [Fact]
    public void Validate_SelectorWithoutNamespace_IsRefused() =>
        Message(Request(new FargateProfileSelector { Labels = new() { ["a"] = "b" } }))
            .ShouldBe("Fargate Profile must have at least one selector with at least one namespace value.");

    [Fact]
    public void Validate_SixLabels_IsRefused() =>
        Message(Request(new FargateProfileSelector { Namespace = "a", Labels = Enumerable.Range(0, 6).ToDictionary(i => $"k{i}", _ => "v") }))
            .ShouldBe("Request contains Selector with more than 5 Label pairs");

    [Fact]
    public void Validate_SixSelectors_IsRefused() =>
        Message(Request([.. Enumerable.Range(0, 6).Select(i => new FargateProfileSelector { Namespace = $"ns{i}" })]))
            .ShouldBe("Fargate Profile cannot have more than 5 selectors.");

    [Fact]
    public void Validate_BadName_IsAConstraintViolation() =>
        Message(new CreateFargateProfileRequest { FargateProfileName = "bad name", Selectors = [new FargateProfileSelector { Namespace = "a" }] })
            .ShouldContain("failed to satisfy constraint");
}
