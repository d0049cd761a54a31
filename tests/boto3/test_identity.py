"""Pod identity associations, OIDC identity provider configs and secrets encryption through boto3."""
import unittest

from support import client, create_cluster, error_of, role_arn, unique


class PodIdentityTests(unittest.TestCase):
    eks = client("eks")

    def test_association_lifecycle_and_filters(self):
        cluster = unique("b3-pia")
        create_cluster(self.eks, cluster)
        role = role_arn("b3PodIdentityRole", "pods.eks.amazonaws.com")
        created = self.eks.create_pod_identity_association(clusterName=cluster, namespace="apps", serviceAccount="web", roleArn=role)["association"]
        association = created["associationId"]
        self.assertTrue(association.startswith("a-"))
        self.assertEqual((created["namespace"], created["serviceAccount"], created["roleArn"]), ("apps", "web", role))
        self.eks.create_pod_identity_association(clusterName=cluster, namespace="jobs", serviceAccount="batch", roleArn=role)

        with self.assertRaises(self.eks.exceptions.ResourceInUseException):
            self.eks.create_pod_identity_association(clusterName=cluster, namespace="apps", serviceAccount="web", roleArn=role)

        in_apps = self.eks.list_pod_identity_associations(clusterName=cluster, namespace="apps")["associations"]
        self.assertEqual([a["associationId"] for a in in_apps], [association])
        everything = [a for page in self.eks.get_paginator("list_pod_identity_associations").paginate(
            clusterName=cluster, PaginationConfig={"PageSize": 1}) for a in page["associations"]]
        self.assertEqual(len(everything), 2)

        other = role_arn("b3PodIdentityRole2", "pods.eks.amazonaws.com")
        updated = self.eks.update_pod_identity_association(clusterName=cluster, associationId=association, roleArn=other)["association"]
        self.assertEqual(updated["roleArn"], other)
        self.eks.delete_pod_identity_association(clusterName=cluster, associationId=association)
        with self.assertRaises(self.eks.exceptions.ResourceNotFoundException):
            self.eks.describe_pod_identity_association(clusterName=cluster, associationId=association)


class IdentityProviderTests(unittest.TestCase):
    eks = client("eks")

    def test_oidc_config_associates_and_disassociates_through_updates(self):
        cluster = unique("b3-idp")
        create_cluster(self.eks, cluster)
        answer = self.eks.associate_identity_provider_config(clusterName=cluster, oidc={
            "identityProviderConfigName": "corp", "issuerUrl": "https://login.example.com", "clientId": "kubernetes",
            "usernameClaim": "email", "groupsClaim": "groups"})
        self.assertEqual(answer["update"]["type"], "AssociateIdentityProviderConfig")
        described = self.eks.describe_update(name=cluster, updateId=answer["update"]["id"])["update"]
        self.assertEqual(described["status"], "Successful")

        config = self.eks.describe_identity_provider_config(clusterName=cluster, identityProviderConfig={"type": "oidc", "name": "corp"})
        oidc = config["identityProviderConfig"]["oidc"]
        self.assertEqual((oidc["issuerUrl"], oidc["clientId"], oidc["status"]), ("https://login.example.com", "kubernetes", "ACTIVE"))
        self.assertEqual(self.eks.list_identity_provider_configs(clusterName=cluster)["identityProviderConfigs"], [{"type": "oidc", "name": "corp"}])

        update = self.eks.disassociate_identity_provider_config(clusterName=cluster, identityProviderConfig={"type": "oidc", "name": "corp"})["update"]
        self.assertEqual(update["type"], "DisassociateIdentityProviderConfig")
        self.assertEqual(self.eks.list_identity_provider_configs(clusterName=cluster)["identityProviderConfigs"], [])

    def test_issuer_must_be_https(self):
        cluster = unique("b3-idpbad")
        create_cluster(self.eks, cluster)
        code, _, status = error_of(self.eks.associate_identity_provider_config, clusterName=cluster, oidc={
            "identityProviderConfigName": "corp", "issuerUrl": "http://login.example.com", "clientId": "kubernetes"})
        self.assertEqual((code, status), ("InvalidParameterException", 400))


class EncryptionTests(unittest.TestCase):
    eks = client("eks")

    def test_secrets_encryption_is_associated_once(self):
        cluster = unique("b3-kms")
        create_cluster(self.eks, cluster)
        account = client("sts").get_caller_identity()["Account"]
        key = f"arn:aws:kms:us-east-1:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        config = [{"resources": ["secrets"], "provider": {"keyArn": key}}]
        update = self.eks.associate_encryption_config(clusterName=cluster, encryptionConfig=config)["update"]
        self.assertEqual(update["type"], "AssociateEncryptionConfig")
        shown = self.eks.describe_cluster(name=cluster)["cluster"]["encryptionConfig"]
        self.assertEqual(shown[0]["provider"]["keyArn"], key)
        code, _, status = error_of(self.eks.associate_encryption_config, clusterName=cluster, encryptionConfig=config)
        self.assertEqual((code, status), ("InvalidParameterException", 400))


if __name__ == "__main__":
    unittest.main()
