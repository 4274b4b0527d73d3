# rospy peer: prints "names A,B" and the first position of each sensor_msgs/JointState it receives.
# usage: joint_state_listener.py NODE_NAME TOPIC
import sys
import rospy
from sensor_msgs.msg import JointState

rospy.init_node(sys.argv[1])


def on_state(m):
    first = m.position[0] if m.position else float("nan")
    print("names %s position %.4f" % (",".join(m.name), first), flush=True)


rospy.Subscriber(sys.argv[2], JointState, on_state)
print("listening", flush=True)
rospy.spin()
