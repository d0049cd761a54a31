using System.Globalization;
using System.Xml;
using Lotse.Aws.Query;

namespace Lotse.Aws.Iam;

/// <summary>IAM's XML shapes (member order of the botocore model).</summary>
internal static class IamXml
{
    public static void WriteRole(XmlWriter xml, IamRole role, bool full)
    {
        xml.WriteElementString("Path", role.Path);
        xml.WriteElementString("RoleName", role.RoleName);
        xml.WriteElementString("RoleId", role.RoleId);
        xml.WriteElementString("Arn", role.Arn);
        xml.WriteElementString("CreateDate", QueryXmlWriter.FormatTime(role.CreateDate));

        // IAM returns policy documents URL-encoded; botocore's after-call hook decodes and parses them.
        xml.WriteElementString("AssumeRolePolicyDocument", Uri.EscapeDataString(role.AssumeRolePolicyDocument));
        xml.WriteOptional("Description", role.Description);
        xml.WriteElementString("MaxSessionDuration", role.MaxSessionDuration.ToString(CultureInfo.InvariantCulture));
        if (full)
        {
            WriteTags(xml, role.Tags);
            xml.WriteStartElement("RoleLastUsed");
            xml.WriteEndElement();
        }
    }

    public static void WriteUser(XmlWriter xml, IamUser user, bool full)
    {
        xml.WriteElementString("Path", user.Path);
        xml.WriteElementString("UserName", user.UserName);
        xml.WriteElementString("UserId", user.UserId);
        xml.WriteElementString("Arn", user.Arn);
        xml.WriteElementString("CreateDate", QueryXmlWriter.FormatTime(user.CreateDate));
        if (full)
        {
            WriteTags(xml, user.Tags);
        }
    }

    public static void WriteAccessKeyMetadata(XmlWriter xml, IamAccessKey key)
    {
        xml.WriteElementString("UserName", key.UserName);
        xml.WriteElementString("AccessKeyId", key.AccessKeyId);
        xml.WriteElementString("Status", key.Status.ToString());
        xml.WriteElementString("CreateDate", QueryXmlWriter.FormatTime(key.CreateDate));
    }

    public static void WriteList<T>(XmlWriter xml, string name, IReadOnlyList<T> items, Action<XmlWriter, T> writeItem)
    {
        xml.WriteStartElement(name);
        foreach (var item in items)
        {
            xml.WriteStartElement("member");
            writeItem(xml, item);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    public static void WritePaging(XmlWriter xml, bool isTruncated, string? marker)
    {
        xml.WriteElementString("IsTruncated", isTruncated ? "true" : "false");
        xml.WriteOptional("Marker", marker);
    }

    private static void WriteTags(XmlWriter xml, IReadOnlyList<IamTag>? tags)
    {
        if (tags is not { Count: > 0 })
        {
            return;
        }

        WriteList(xml, "Tags", tags, WriteTag);
    }

    public static void WriteTag(XmlWriter xml, IamTag tag)
    {
        xml.WriteElementString("Key", tag.Key);
        xml.WriteElementString("Value", tag.Value);
    }
}
