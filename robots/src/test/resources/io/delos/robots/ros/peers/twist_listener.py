# rospy peer: prints every geometry_msgs/Twist it receives as "twist LINEAR_X ANGULAR_Z".
# usage: twist_listener.py NODE_NAME TOPIC
import sys
import rospy
from geometry_msgs.msg import Twist

rospy.init_node(sys.argv[1])


def on_twist(m):
    print("twist %.4f %.4f" % (m.linear.x, m.angular.z), flush=True)


rospy.Subscriber(sys.argv[2], Twist, on_twist)
print("listening", flush=True)
rospy.spin()
