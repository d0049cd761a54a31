using Lotse.Kube.Selectors;

namespace Lotse.Kube.Tests.Unit;

public sealed class FieldSelectorTests
{
    private static string Field(string name) => name switch
    {
        "metadata.name" => "x",
        "metadata.namespace" => "default",
        "type" => "a,b=c",
        _ => "",
    };

    [Theory]
    [InlineData("metadata.name=x", true)]
    [InlineData("metadata.name==x", true)]
    [InlineData("metadata.name!=x", false)]
    [InlineData("metadata.name=y", false)]
    [InlineData("metadata.name=x,metadata.namespace=default", true)]
    [InlineData("metadata.name=x,metadata.namespace!=default", false)]
    [InlineData(@"type=a\,b\=c", true)]
    [InlineData("metadata.name=", false)]
    public void Matches_Expression_AsApimachinery(string selector, bool expected)
    {
        FieldSelector.Parse(selector).Matches(Field).ShouldBe(expected);
    }

    [Fact]
    public void Parse_NoOperator_FormatException()
    {
        Should.Throw<FormatException>(() => FieldSelector.Parse("metadata.name")).Message
            .ShouldBe("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
    }

    [Fact]
    public void RequiredValue_EqualityTerm_ReturnsValue()
    {
        FieldSelector.Parse("metadata.name=abc").RequiredValue("metadata.name").ShouldBe("abc");
        FieldSelector.Parse("metadata.name!=abc").RequiredValue("metadata.name").ShouldBeNull();
    }
}
