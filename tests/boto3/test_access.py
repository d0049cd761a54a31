"""IAM, STS and EKS access entries through boto3."""
import unittest

from support import client, create_cluster, error_of, unique


class AccessTests(unittest.TestCase):
    eks = client("eks")
    iam = client("iam")
    sts = client("sts")

    def test_caller_identity_is_the_admin_user(self):
        identity = self.sts.get_caller_identity()
        self.assertTrue(identity["Arn"].endswith(":user/admin"))
        self.assertEqual(len(identity["Account"]), 12)

    def test_access_entries_and_policies(self):
        cluster = unique("b3-acc")
        create_cluster(self.eks, cluster, accessConfig={"authenticationMode": "API_AND_CONFIG_MAP"})
        account = self.sts.get_caller_identity()["Account"]
        user = unique("b3dev")
        arn = self.iam.create_user(UserName=user)["User"]["Arn"]
        self.assertEqual(arn, f"arn:aws:iam::{account}:user/{user}")

        entry = self.eks.create_access_entry(clusterName=cluster, principalArn=arn, kubernetesGroups=["dev-team"])["accessEntry"]
        self.assertEqual(entry["type"], "STANDARD")
        self.assertEqual(entry["kubernetesGroups"], ["dev-team"])
        self.assertIn(arn, self.eks.list_access_entries(clusterName=cluster)["accessEntries"])

        policies = [p["arn"] for page in self.eks.get_paginator("list_access_policies").paginate() for p in page["accessPolicies"]]
        view = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
        self.assertIn(view, policies)
        self.eks.associate_access_policy(clusterName=cluster, principalArn=arn, policyArn=view,
                                         accessScope={"type": "namespace", "namespaces": ["default"]})
        associated = self.eks.list_associated_access_policies(clusterName=cluster, principalArn=arn)["associatedAccessPolicies"]
        self.assertEqual([(a["policyArn"], a["accessScope"]["type"], a["accessScope"]["namespaces"]) for a in associated],
                         [(view, "namespace", ["default"])])

        with self.assertRaises(self.eks.exceptions.ResourceInUseException):
            self.eks.create_access_entry(clusterName=cluster, principalArn=arn)
        self.eks.delete_access_entry(clusterName=cluster, principalArn=arn)
        with self.assertRaises(self.eks.exceptions.ResourceNotFoundException):
            self.eks.describe_access_entry(clusterName=cluster, principalArn=arn)

    def test_access_entries_are_refused_on_a_config_map_cluster(self):
        cluster = unique("b3-cm")
        create_cluster(self.eks, cluster, accessConfig={"authenticationMode": "CONFIG_MAP"})
        code, _, status = error_of(self.eks.list_access_entries, clusterName=cluster)
        self.assertEqual((code, status), ("InvalidRequestException", 400))


if __name__ == "__main__":
    unittest.main()
