using Lotse.Aws.Query;

namespace Lotse.Aws.Iam;

public sealed partial class IamService
{
    private async ValueTask CreateAccessKeyAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = UserNameOrCaller(request, query);
        var key = await _repository.CreateAccessKeyAsync(request.Caller.AccountId, name, request.Aborted);
        await WriteAsync(request, "CreateAccessKey", xml =>
        {
            xml.WriteStartElement("AccessKey");
            xml.WriteElementString("UserName", key.UserName);
            xml.WriteElementString("AccessKeyId", key.AccessKeyId);
            xml.WriteElementString("Status", key.Status.ToString());
            xml.WriteElementString("SecretAccessKey", key.SecretAccessKey);
            xml.WriteElementString("CreateDate", QueryXmlWriter.FormatTime(key.CreateDate));
            xml.WriteEndElement();
        });
    }

    private async ValueTask ListAccessKeysAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = UserNameOrCaller(request, query);
        ReadPaging(query, withPathPrefix: false);
        var keys = await _repository.ListAccessKeysAsync(request.Caller.AccountId, name, request.Aborted);
        await WriteAsync(request, "ListAccessKeys", xml =>
        {
            IamXml.WriteList(xml, "AccessKeyMetadata", keys, IamXml.WriteAccessKeyMetadata);
            IamXml.WritePaging(xml, false, null);
        });
    }

    private async ValueTask DeleteAccessKeyAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = UserNameOrCaller(request, query);
        var id = query.Get("AccessKeyId");
        new IamValidator().AccessKeyId(id).ThrowIfInvalid();
        await _repository.DeleteAccessKeyAsync(request.Caller.AccountId, name, id!, request.Aborted);
        await WriteAsync(request, "DeleteAccessKey", null);
    }

    private async ValueTask UpdateAccessKeyAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = UserNameOrCaller(request, query);
        var id = query.Get("AccessKeyId");
        var status = query.Get("Status");
        new IamValidator().AccessKeyId(id).Enum("status", status, nameof(AccessKeyStatus.Active), nameof(AccessKeyStatus.Inactive)).ThrowIfInvalid();
        await _repository.UpdateAccessKeyStatusAsync(request.Caller.AccountId, name, id!, Enum.Parse<AccessKeyStatus>(status!), request.Aborted);
        await WriteAsync(request, "UpdateAccessKey", null);
    }

    // Lotse does not record key use (that would be a store write on every signed request), so every key answers
    // as one IAM has no usage data for: no LastUsedDate, ServiceName and Region "N/A".
    private async ValueTask GetAccessKeyLastUsedAsync(AwsRequestContext request, QueryRequest query)
    {
        var id = query.Get("AccessKeyId");
        new IamValidator().AccessKeyId(id).ThrowIfInvalid();
        var key = await _repository.GetAccessKeyAsync(id!, request.Aborted);
        if (key is null || key.AccountId != request.Caller.AccountId)
        {
            throw IamErrors.NoSuchAccessKey(id!);
        }

        await WriteAsync(request, "GetAccessKeyLastUsed", xml =>
        {
            xml.WriteElementString("UserName", key.UserName);
            xml.WriteStartElement("AccessKeyLastUsed");
            xml.WriteElementString("ServiceName", "N/A");
            xml.WriteElementString("Region", "N/A");
            xml.WriteEndElement();
        });
    }
}
