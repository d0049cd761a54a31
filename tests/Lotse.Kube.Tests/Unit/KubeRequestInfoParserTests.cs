using Lotse.Kube.Requests;

namespace Lotse.Kube.Tests.Unit;

public sealed class KubeRequestInfoParserTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/configmaps/x", false, "get", "", "v1", "default", "configmaps", "x", "")]
    [InlineData("GET", "/api/v1/namespaces/default/configmaps", false, "list", "", "v1", "default", "configmaps", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/configmaps", true, "watch", "", "v1", "default", "configmaps", "", "")]
    [InlineData("GET", "/api/v1/watch/namespaces/default/configmaps", false, "watch", "", "v1", "default", "configmaps", "", "")]
    [InlineData("POST", "/api/v1/namespaces/default/configmaps", false, "create", "", "v1", "default", "configmaps", "", "")]
    [InlineData("PUT", "/api/v1/namespaces/default/configmaps/x", false, "update", "", "v1", "default", "configmaps", "x", "")]
    [InlineData("PATCH", "/api/v1/namespaces/default/configmaps/x", false, "patch", "", "v1", "default", "configmaps", "x", "")]
    [InlineData("DELETE", "/api/v1/namespaces/default/configmaps/x", false, "delete", "", "v1", "default", "configmaps", "x", "")]
    [InlineData("DELETE", "/api/v1/namespaces/default/configmaps", false, "deletecollection", "", "v1", "default", "configmaps", "", "")]
    [InlineData("GET", "/api/v1/namespaces", false, "list", "", "v1", "", "namespaces", "", "")]
    [InlineData("GET", "/api/v1/namespaces/kube-system", false, "get", "", "v1", "kube-system", "namespaces", "kube-system", "")]
    [InlineData("PUT", "/api/v1/namespaces/x/status", false, "update", "", "v1", "x", "namespaces", "x", "status")]
    [InlineData("GET", "/apis/apps/v1/namespaces/ns/deployments/d/scale", false, "get", "apps", "v1", "ns", "deployments", "d", "scale")]
    [InlineData("GET", "/api/v1/configmaps", false, "list", "", "v1", "", "configmaps", "", "")]
    public void Parse_ResourcePath_AsRequestInfoFactory(string method, string path, bool watch, string verb, string group, string version, string ns, string resource, string name, string sub)
    {
        var info = KubeRequestInfoParser.Parse(method, path, watch);
        info.IsResourceRequest.ShouldBeTrue();
        (info.Verb, info.ApiGroup, info.ApiVersion, info.Namespace, info.Resource, info.Name, info.Subresource)
            .ShouldBe((verb, group, version, ns, resource, name, sub));
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/api/v1")]
    [InlineData("/apis")]
    [InlineData("/apis/apps")]
    [InlineData("/apis/apps/v1")]
    [InlineData("/version")]
    [InlineData("/openapi/v3")]
    public void Parse_DiscoveryOrOtherPath_NonResource(string path)
    {
        var info = KubeRequestInfoParser.Parse("GET", path, false);
        info.IsResourceRequest.ShouldBeFalse();
        info.Verb.ShouldBe("get");
        info.Path.ShouldBe(path);
    }
}
