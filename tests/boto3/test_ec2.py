"""The EC2 subset through boto3: the default VPC and the calls a workshop makes to prepare its own."""
import unittest

from support import client, unique


class Ec2Tests(unittest.TestCase):
    ec2 = client("ec2")

    def test_default_vpc_has_a_subnet_per_zone(self):
        vpcs = self.ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"]
        self.assertEqual(len(vpcs), 1)
        self.assertEqual(vpcs[0]["CidrBlock"], "172.31.0.0/16")
        zones = [z["ZoneName"] for z in self.ec2.describe_availability_zones()["AvailabilityZones"]]
        subnets = self.ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpcs[0]["VpcId"]]},
                                                     {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
        self.assertEqual(sorted(s["AvailabilityZone"] for s in subnets), sorted(zones))
        groups = self.ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpcs[0]["VpcId"]]},
                                                            {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]
        self.assertEqual(len(groups), 1)

    def test_own_vpc_subnets_and_security_group(self):
        vpc = self.ec2.create_vpc(CidrBlock="10.20.0.0/16", TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": unique("b3")}]}])["Vpc"]["VpcId"]
        subnet = self.ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24")["Subnet"]
        self.assertEqual(subnet["VpcId"], vpc)
        group = self.ec2.create_security_group(GroupName="web", Description="web tier", VpcId=vpc)["GroupId"]

        with self.assertRaises(self.ec2.exceptions.ClientError) as raised:
            self.ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/25")
        self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidSubnet.Conflict")
        with self.assertRaises(self.ec2.exceptions.ClientError) as raised:
            self.ec2.delete_vpc(VpcId=vpc)
        self.assertEqual(raised.exception.response["Error"]["Code"], "DependencyViolation")

        self.ec2.delete_security_group(GroupId=group)
        self.ec2.delete_subnet(SubnetId=subnet["SubnetId"])
        self.ec2.delete_vpc(VpcId=vpc)
        with self.assertRaises(self.ec2.exceptions.ClientError) as raised:
            self.ec2.describe_vpcs(VpcIds=[vpc])
        self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidVpcID.NotFound")


if __name__ == "__main__":
    unittest.main()
