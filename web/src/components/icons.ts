// The Element Plus icons the console uses, registered by name (the menu names them in route meta).
// Listed once: console.ts registers every export of this module.
export {
  ArrowDown,
  ArrowRight,
  Connection,
  Document,
  Expand,
  Fold,
  HomeFilled,
  Location,
  Lock,
  OfficeBuilding,
  Plus,
  Refresh,
  Search,
  Setting,
  Switch,
  User,
  SwitchButton,
  Key,
  Aim,
  Download,
} from '@element-plus/icons-vue'
