using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ValidatingAdmissionPolicyBindingStrategyTests(KubeServerFixture server)
    : StrategyTestBase(server, "validatingadmissionpolicybindings", "admissionregistration.k8s.io/v1", clusterScoped: true)
{
    [Fact]
    public async Task Create_WithParamRef_GenerationOneAndTable()
    {
        var name = $"vapb-{Guid.NewGuid():N}"[..16];
        var created = await CreateOkAsync("", $$$$"""
            {"metadata":{"name":"{{{{name}}}}"},"spec":{"policyName":"replica-limit","validationActions":["Deny"],
             "paramRef":{"name":"limits","namespace":"default","parameterNotFoundAction":"Deny"},"matchResources":{}}}
            """);
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        created["spec"]!["matchResources"]!["matchPolicy"]!.GetValue<string>().ShouldBe("Equivalent");
        (await ColumnsAsync("")).ShouldBe(["Name", "PolicyName", "ParamRef", "Age"]);
        var row = await RowAsync("", name);
        row[1]!.GetValue<string>().ShouldBe("replica-limit");
        row[2]!.GetValue<string>().ShouldBe("default/limits");
    }

    [Fact]
    public async Task Create_MissingPolicyAndActions_Invalid()
    {
        var status = await CreateInvalidAsync("", """{"metadata":{"name":"bad"},"spec":{"validationActions":["Deny","Block","Deny"],"paramRef":{"name":"p"}}}""");
        status["message"]!.GetValue<string>().ShouldBe("ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io \"bad\" is invalid: ["
            + "spec.policyName: Required value, "
            + "spec.validationActions[1]: Unsupported value: \"Block\": supported values: \"Audit\", \"Deny\", \"Warn\", "
            + "spec.validationActions[2]: Duplicate value: \"Deny\", "
            + "spec.paramRef.parameterNotFoundAction: Required value]");
    }
}
