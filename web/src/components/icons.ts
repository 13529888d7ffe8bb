// The Element Plus icons the templates name (icon="Search"), registered by name: console.ts
// registers every export of this module. Menu icons are components in the route meta instead
// (each module imports its own).
export {
  ArrowDown,
  ArrowRight,
  Expand,
  Fold,
  Lock,
  OfficeBuilding,
  Plus,
  Refresh,
  Search,
  Switch,
  User,
  SwitchButton,
  Key,
  Aim,
  Download,
  Iphone,
  CircleCheckFilled,
  Bell,
} from '@element-plus/icons-vue'
