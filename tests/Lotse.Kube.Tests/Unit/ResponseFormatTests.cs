using Lotse.Kube.Discovery;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Tests.Unit;

public sealed class ResponseFormatTests
{
    [Theory]
    [InlineData(null, ResponseShape.Object, "v1")]
    [InlineData("application/json", ResponseShape.Object, "v1")]
    [InlineData("*/*", ResponseShape.Object, "v1")]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", ResponseShape.Table, "v1")]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io", ResponseShape.Table, "v1beta1")]
    [InlineData("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json", ResponseShape.PartialObjectMetadata, "v1")]
    [InlineData("application/vnd.kubernetes.protobuf,application/json", ResponseShape.Object, "v1")]
    [InlineData("application/json;as=Unknown;v=v1;g=meta.k8s.io,application/json", ResponseShape.Object, "v1")]
    public void Negotiate_Accept_PicksFirstServable(string? accept, ResponseShape shape, string version)
    {
        ResponseFormat.Negotiate(accept).ShouldBe(new ResponseFormat(shape, version));
    }

    [Fact]
    public void Negotiate_OnlyProtobuf_NotAcceptable()
    {
        ResponseFormat.Negotiate("application/vnd.kubernetes.protobuf").ShouldBeNull();
    }

    [Theory]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", true)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void WantsAggregated_Accept_OnlyForV2First(string? accept, bool expected)
    {
        DiscoveryDocuments.WantsAggregated(accept).ShouldBe(expected);
    }
}
