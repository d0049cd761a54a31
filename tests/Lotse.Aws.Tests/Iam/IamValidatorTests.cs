using Lotse.Aws.Iam;

namespace Lotse.Aws.Tests.Iam;

public sealed class IamValidatorTests
{
    [Theory]
    [InlineData("eksClusterRole", true)]
    [InlineData("a+b=c,d.e@f-g_h", true)]
    [InlineData("with space", false)]
    [InlineData("slash/no", false)]
    [InlineData("umlautä", false)]
    [InlineData("trailing\n", false)]
    [InlineData("", false)]
    public void Name_Pattern_AsciiWordCharactersOnly(string name, bool valid)
    {
        new IamValidator().Name("roleName", name).IsValid.ShouldBe(valid);
    }

    [Fact]
    public void Name_TooLong_LengthMessage()
    {
        var error = Should.Throw<AwsServiceException>(() => new IamValidator().Name("roleName", new string('a', 65)).ThrowIfInvalid());

        error.Code.ShouldBe("ValidationError");
        error.StatusCode.ShouldBe(400);
        error.Message.ShouldBe($"1 validation error detected: Value '{new string('a', 65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64");
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/a/b/", true)]
    [InlineData("/a", false)]
    [InlineData("a/", false)]
    [InlineData("//", false)]
    public void Path_Pattern_SlashDelimited(string path, bool valid)
    {
        new IamValidator().Path(path).IsValid.ShouldBe(valid);
    }

    [Fact]
    public void Name_Missing_MustNotBeNull()
    {
        Should.Throw<AwsServiceException>(() => new IamValidator().Name("userName", null).ThrowIfInvalid())
            .Message.ShouldBe("1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public void Tags_BadKey_ReportsMemberPath()
    {
        Should.Throw<AwsServiceException>(() => new IamValidator().Tags([new IamTag("ok", "v"), new IamTag("bad{", "v")]).ThrowIfInvalid())
            .Message.ShouldContain("at 'tags.2.member.key'");
    }
}
