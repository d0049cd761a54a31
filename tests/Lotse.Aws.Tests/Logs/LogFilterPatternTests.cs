using Lotse.Aws.Logs;

namespace Lotse.Aws.Tests.Logs;

public sealed class LogFilterPatternTests
{
    private const string Granted = """time="2026-12-03T12:00:00Z" level=info msg="access granted" arn="arn:aws:iam::111122223333:user/dev" username=dev""";
    private const string Denied = """time="2026-12-03T12:00:01Z" level=warning msg="access denied" client=127.0.0.1 error="ARN is not mapped" method=POST""";
    private const string Audit = """{"kind":"Event","verb":"create","user":{"username":"alice","groups":["dev","system:authenticated"]},"objectRef":{"resource":"configmaps","namespace":"team-a"},"responseStatus":{"code":403}}""";

    [Theory]
    [InlineData(null, true, true)]
    [InlineData("", true, true)]
    [InlineData("access", true, true)]
    [InlineData("\"access granted\"", true, false)]
    [InlineData("access -granted", false, true)]
    [InlineData("?granted ?denied", true, true)]
    [InlineData("?granted ?nothing", true, false)]
    [InlineData("level=warning mapped", false, true)]
    [InlineData("Access", false, false)]
    public void Matches_TermPatterns(string? pattern, bool granted, bool denied)
    {
        var parsed = LogFilterPattern.Parse(pattern);

        parsed.Matches(Granted).ShouldBe(granted);
        parsed.Matches(Denied).ShouldBe(denied);
    }

    [Theory]
    [InlineData("""{ $.verb = "create" }""", true)]
    [InlineData("""{ $.verb = create }""", true)]
    [InlineData("""{ $.verb != "create" }""", false)]
    [InlineData("""{ $.user.username = "ali*" }""", true)]
    [InlineData("""{ $.user.groups[0] = "dev" }""", true)]
    [InlineData("""{ $.responseStatus.code >= 400 && $.objectRef.namespace = "team-a" }""", true)]
    [InlineData("""{ $.responseStatus.code < 400 || $.verb = "create" }""", true)]
    [InlineData("""{ ($.responseStatus.code = 200) || ($.verb = "get") }""", false)]
    [InlineData("""{ $.missing.field = "x" }""", false)]
    [InlineData("""{ $.objectRef["namespace"] = "team-a" }""", true)]
    public void Matches_JsonPatterns(string pattern, bool expected) => LogFilterPattern.Parse(pattern).Matches(Audit).ShouldBe(expected);

    [Fact]
    public void Matches_JsonPatternOnTextMessage_NoMatch() => LogFilterPattern.Parse("""{ $.verb = "create" }""").Matches(Granted).ShouldBeFalse();

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("{ $.verb = \"x\"")]
    [InlineData("{ verb = \"x\" }")]
    [InlineData("{ $.verb ~ \"x\" }")]
    [InlineData("{ $.code > \"x\" }")]
    public void Parse_Malformed_InvalidParameterException(string pattern)
    {
        var error = Should.Throw<AwsServiceException>(() => LogFilterPattern.Parse(pattern));

        error.Code.ShouldBe("InvalidParameterException");
    }
}
